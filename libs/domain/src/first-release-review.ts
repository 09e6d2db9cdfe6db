import type { CaseEvent } from './case-events';
import { deadlineOf, type CaseState } from './case-state';

/**
 * Why a case started under the first release's rules must be looked at again: the cases keep the rules they were
 * started under where the law allows (docs/versioning.md), and are listed where it does not. Each finding says
 * what the first release did, and what the caseworker does about it now.
 */
export interface ReviewFinding {
  finding:
    | 'appeal-period-from-the-decision'
    | 'appeal-posted-in-time-may-have-been-refused'
    | 'dismissed-after-a-decision'
    | 'dublin-limit-moved-to-a-working-day'
    | 'original-refused-at-udi';
  message: string;
}

export function firstReleaseReview(events: readonly CaseEvent[], state: CaseState): ReviewFinding[] {
  if (state.rulesVersion !== 1) return [];
  const findings: ReviewFinding[] = [];
  const passed = events.filter((event) => event.type === 'AppealDeadlinePassed');
  if (!state.closed && deadlineOf(state, 'appeal') !== undefined) {
    findings.push({
      finding: 'appeal-period-from-the-decision',
      message:
        'the appeal period runs from the decision, not from service (fvl. § 29): an appeal within three weeks of ' +
        'service is in time; record it with lateAppealExcused if the deadline here has run out',
    });
  }
  if (!state.closed && !state.appeal && passed.length > 0) {
    const dueAt = passed.at(-1)?.data.dueAt;
    findings.push({
      finding: 'appeal-posted-in-time-may-have-been-refused',
      message:
        `the appeal deadline ran out at ${dueAt}: an appeal posted before it is in time (fvl. § 30), and the first ` +
        'release refused one registered later; lodge it now with the date it was posted',
    });
  }
  const decided = events.some(
    (event) =>
      (event.type === 'DecisionMade' && event.data.outcome === 'rejected') ||
      (event.type === 'DublinReplyRecorded' && event.data.accepted),
  );
  if (state.status === 'dismissed' && decided) {
    findings.push({
      finding: 'dismissed-after-a-decision',
      message:
        "the applicant left Norway after a decision to leave: that is a departure, not a dismissal (the seed's " +
        'dismissal is for a case waiting to be processed); correct the record and tell UNE if it held the case',
    });
  }
  if (
    !state.closed &&
    state.deadlines.some(
      (deadline) => deadline.kind === 'dublin-reply' || deadline.kind === 'dublin-transfer',
    )
  ) {
    findings.push({
      finding: 'dublin-limit-moved-to-a-working-day',
      message:
        'a Dublin time limit here was moved to the next working day when it ended on a weekend or holiday; Dublin ' +
        'limits count every calendar day (Art. 42): check the reply and transfer limits by the calendar',
    });
  }
  if (
    events.some(
      (event) =>
        event.type === 'CommandRejected' &&
        event.data.command === 'recordDocument' &&
        event.data.message.includes('originals are handed in to the police'),
    )
  ) {
    findings.push({
      finding: 'original-refused-at-udi',
      message:
        'an original that reached UDI was refused instead of recorded: record it, and it is sent on to the police',
    });
  }
  return findings;
}
