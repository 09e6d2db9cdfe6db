import type { PreferredLanguage } from './application-lodged';
import type { CaseEvent, SentMessage } from './case-events';
import type { CaseState } from './case-state';
import type { NotificationTemplate, NotifyApplicant } from './effects';
import { effectsOf } from './effects-of';
import { evolve } from './evolve';
import type { z } from 'zod';

/**
 * Where a notice to the applicant stands, from the record alone: `delivered` (NoticeDelivered), `failed` for good
 * (EffectFailed), `pending` while the workflow is still carrying it out, and `not-recorded` on the cases of the first
 * release, whose record kept only the failures (rules version 2 added NoticeDelivered).
 */
export type NoticeDelivery = 'delivered' | 'failed' | 'pending' | 'not-recorded';

/** One notice the case's events called for: what the applicant was (or is to be) told, and how it went. */
export interface ApplicantNotice {
  /** The event that called for it. */
  causedBySeq: number;
  /** Its place among that event's side effects: with the workflow id and seq, the delivery's idempotency key. */
  effectIndex: number;
  /** When the event that called for it was recorded. */
  calledForAt: string;
  template: NotificationTemplate;
  language: z.infer<typeof PreferredLanguage>;
  delivery: NoticeDelivery;
  /** When it was delivered or given up. */
  settledAt?: string;
  /** Why it failed. */
  error?: string;
  /** The messages as sent, word for word, where the record keeps them. */
  messages?: SentMessage[];
  /** The side effect as the domain called for it (recipient, facts): what composing the text again needs. */
  effect: NotifyApplicant;
}

/**
 * Every notice to the applicant, oldest first, folded from the events with the same `evolve` and `effectsOf` the
 * workflow runs, so each notice is the very effect the workflow carried out. The workflow carries out an event's
 * effects in order, each ending in one NoticeDelivered or EffectFailed naming the event: a notice is matched to the
 * first unsettled notice of that event (and, when delivered, that template).
 */
export function applicantNotices(events: readonly CaseEvent[]): ApplicantNotice[] {
  const notices: ApplicantNotice[] = [];
  let state: CaseState | null = null;
  for (const event of events) {
    state = evolve(state, event);
    const unsettled = (matches: (notice: ApplicantNotice) => boolean) =>
      notices.find((notice) => notice.delivery === 'pending' && matches(notice));
    if (event.type === 'NoticeDelivered') {
      const notice = unsettled(
        (candidate) =>
          candidate.causedBySeq === event.data.causedBySeq && candidate.template === event.data.template,
      );
      if (notice) {
        notice.delivery = 'delivered';
        notice.settledAt = event.data.doneAt;
        if (event.data.messages) notice.messages = event.data.messages;
      }
    } else if (event.type === 'EffectFailed' && event.data.effect === 'notify-applicant') {
      const notice = unsettled((candidate) => candidate.causedBySeq === event.data.causedBySeq);
      if (notice) {
        notice.delivery = 'failed';
        notice.settledAt = event.at;
        notice.error = event.data.error;
      }
    }
    effectsOf(event, state).forEach((effect, effectIndex) => {
      if (effect.kind !== 'notify-applicant') return;
      notices.push({
        causedBySeq: event.seq,
        effectIndex,
        calledForAt: event.at,
        template: effect.template,
        language: effect.language,
        delivery: 'pending',
        effect,
      });
    });
  }
  // The first release recorded no deliveries: what did not fail may well have gone out, but the record cannot say.
  if (state?.rulesVersion === 1) {
    for (const notice of notices) if (notice.delivery === 'pending') notice.delivery = 'not-recorded';
  }
  return notices;
}
