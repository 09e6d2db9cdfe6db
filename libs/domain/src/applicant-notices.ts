import { z } from 'zod';
import { IsoDateTime, PreferredLanguage } from './application-lodged';
import { SentMessage, type CaseEvent } from './case-events';
import type { CaseState } from './case-state';
import { NOTIFICATION_TEMPLATES, type NotificationTemplate, type NotifyApplicant } from './effects';
import { effectsOf } from './effects-of';
import { evolve } from './evolve';

/**
 * Where a notice to the applicant stands, from the record alone: `delivered` (NoticeDelivered), `failed` for good
 * (EffectFailed), `pending` while the workflow is still carrying it out, and `not-recorded` on the cases of the first
 * release, whose record kept only the failures (rules version 2 added NoticeDelivered).
 */
export const NoticeDelivery = z.enum(['delivered', 'failed', 'pending', 'not-recorded']);
export type NoticeDelivery = z.infer<typeof NoticeDelivery>;

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

/**
 * A notice as the API shows it (`GET /api/cases/:dufNumber/messages`). `textSource` says where its messages' text
 * comes from: `recorded`, as it went out (NoticeDelivered); `re-rendered`, composed again from the record with the
 * templates of today's code, for a notice delivered before the record kept texts, or one not sent (failed, pending);
 * `unavailable` when even that cannot be done (the input the activity refused).
 */
export const CaseNotice = z.object({
  causedBySeq: z.number().int().positive(),
  calledForAt: IsoDateTime,
  template: z.enum(NOTIFICATION_TEMPLATES),
  language: PreferredLanguage,
  delivery: NoticeDelivery,
  settledAt: IsoDateTime.optional(),
  error: z.string().optional(),
  textSource: z.enum(['recorded', 're-rendered', 'unavailable']),
  /** A re-rendered message has no time of its own: the notice's `settledAt` is when it went out, if it did. */
  messages: z.array(SentMessage.partial({ sentAt: true })),
});
export type CaseNotice = z.infer<typeof CaseNotice>;
export const CaseNotices = z.object({ items: z.array(CaseNotice) });
export type CaseNotices = z.infer<typeof CaseNotices>;
