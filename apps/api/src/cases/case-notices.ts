import { composeNotice, NotifyApplicantInputSchema } from '@saksflyt/activities';
import { applicantNotices, type CaseEvent, type CaseNotice } from '@saksflyt/domain';
import { caseWorkflowId } from '@saksflyt/workflows';

/**
 * The notices to the applicant as the case page shows them, from the record alone. A notice the record keeps the
 * messages of shows them as they went out; any other (delivered before the record kept texts, failed, pending, or on
 * a first-release case) is composed again from the record: the same effect, folded from the same events, through
 * the same `composeNotice` the activity uses, and labelled `re-rendered`, since today's templates wrote it.
 */
export function caseNotices(dufNumber: string, events: readonly CaseEvent[]): CaseNotice[] {
  return applicantNotices(events).map(({ effect, effectIndex, messages, ...notice }) => {
    if (messages) return { ...notice, textSource: 'recorded', messages };
    const { kind: _kind, ...notification } = effect;
    const input = NotifyApplicantInputSchema.safeParse({
      key: `${caseWorkflowId(dufNumber)}:${notice.causedBySeq}:${effectIndex}`,
      dufNumber,
      ...notification,
    });
    // The activity would have refused this input too: its EffectFailed says why.
    if (!input.success) return { ...notice, textSource: 'unavailable', messages: [] };
    return { ...notice, textSource: 're-rendered', messages: composeNotice(input.data) };
  });
}
