import { SYSTEM_ACTOR, type Actor } from '../actor';
import { roomForNoticeTexts } from '../case-limits';
import type { CaseEvent, EventOf, SentMessage } from '../case-events';
import type { CaseState } from '../case-state';
import type { Effect } from '../effects';
import { underFirstRules, type Rejection, type TopicEvents } from './topic';

/**
 * The case's record beyond its decisions: a refused signal (a signal cannot be refused to its sender), a side effect
 * that failed for good, and (rules version 2) each side effect once it was carried out, so that an auditor reads
 * from the record alone that a lawyer was assigned, a notice delivered, the case handed to UNE, the police told.
 */

/** What an activity reports of a delivery. */
export interface DeliveryReport {
  channel: string;
  deliveredAt: string;
  /** Whom the receiver named, where it names someone (the lawyer scheme names the lawyer). */
  reference?: string;
  /** A notice's messages as they went out, word for word. */
  messages?: SentMessage[];
}

interface Envelope {
  state: CaseState;
  now: string;
}

function next(state: CaseState) {
  return state.lastEventSeq + 1;
}

/** A signal the case refused, on its record with the sender (or the system when the sender is not readable). */
export function signalRefused(
  { state, now }: Envelope,
  command: string,
  rejection: Rejection,
  actor: Actor = SYSTEM_ACTOR,
): EventOf<'CommandRejected'> {
  return {
    seq: next(state),
    type: 'CommandRejected',
    at: now,
    actor,
    data: {
      command,
      error: rejection.error,
      message: rejection.message,
      // The record keeps what it always kept of an issue (its path and English text); codes are for the screen.
      ...(rejection.error === 'ValidationError'
        ? { issues: rejection.issues.map(({ path, message }) => ({ path, message })) }
        : {}),
    },
  };
}

/** A side effect that could not be carried out (bad configuration, refused by the receiver): someone must act. */
export function effectFailed(
  { state, now }: Envelope,
  effect: Effect,
  causedBySeq: number,
  error: string,
): EventOf<'EffectFailed'> {
  return {
    seq: next(state),
    type: 'EffectFailed',
    at: now,
    actor: SYSTEM_ACTOR,
    data: { effect: effect.kind, causedBySeq, error },
  };
}

/**
 * The fact of a side effect carried out, for the record; none on the cases of the first release. A notice keeps the
 * text of each message sent while the record has room for it (`events`: the case's record so far); the activity's
 * report is already in the workflow's history, so recording it adds no step and older histories replay unchanged.
 */
export function effectCarriedOut(
  { state, now, events }: Envelope & { events: readonly CaseEvent[] },
  effect: Effect,
  causedBySeq: number,
  report: DeliveryReport,
): CaseEvent | undefined {
  if (underFirstRules(state)) return undefined;
  const done = { causedBySeq, channel: report.channel, doneAt: report.deliveredAt };
  const envelope = { seq: next(state), at: now, actor: SYSTEM_ACTOR };
  switch (effect.kind) {
    case 'notify-applicant': {
      const messages = report.messages && roomForNoticeTexts(events) ? { messages: report.messages } : {};
      return {
        ...envelope,
        type: 'NoticeDelivered',
        data: { template: effect.template, ...done, ...messages },
      };
    }
    case 'assign-lawyer':
      return {
        ...envelope,
        type: 'LawyerAssigned',
        data: { against: effect.against, ...(report.reference ? { lawyer: report.reference } : {}), ...done },
      };
    case 'send-dublin-request':
      return {
        ...envelope,
        type: 'DublinRequestSent',
        data: { responsibleState: effect.responsibleState, ...done },
      };
    case 'hand-case-to-une':
      return { ...envelope, type: 'CaseHandedToUne', data: done };
    case 'notify-police':
      return { ...envelope, type: 'PoliceNotified', data: { reason: effect.reason, ...done } };
    case 'forward-to-une':
      return { ...envelope, type: 'ForwardedToUne', data: { subject: effect.subject, ...done } };
    case 'forward-original-to-police':
      return {
        ...envelope,
        type: 'OriginalForwardedToPolice',
        data: { description: effect.description, ...done },
      };
  }
}

/** A document UDI sent on, marked so on the case. */
function forwarded(state: CaseState, causedBySeq: number, at: string): CaseState {
  return {
    ...state,
    documents: state.documents.map((document) =>
      document.seq === causedBySeq && document.forwardTo ? { ...document, forwardedAt: at } : document,
    ),
  };
}

const unchanged = { evolve: (state: CaseState) => state };

export const recordEvents = {
  CommandRejected: unchanged,
  EffectFailed: unchanged,
  NoticeDelivered: unchanged,
  DublinRequestSent: unchanged,
  PoliceNotified: unchanged,
  LawyerAssigned: {
    evolve: (state, event) => ({
      ...state,
      lawyer: { assignedAt: event.data.doneAt, ...(event.data.lawyer ? { name: event.data.lawyer } : {}) },
    }),
  },
  CaseHandedToUne: { evolve: (state, event) => ({ ...state, handedToUneAt: event.data.doneAt }) },
  ForwardedToUne: { evolve: (state, event) => forwarded(state, event.data.causedBySeq, event.data.doneAt) },
  OriginalForwardedToPolice: {
    evolve: (state, event) => forwarded(state, event.data.causedBySeq, event.data.doneAt),
  },
} satisfies TopicEvents;
