import type { CaseEvent } from './case-events';
import type { CaseState } from './case-state';
import type { CommandName } from './commands';

/**
 * How much one case keeps. Every accepted Update answers with the whole state, up to ten of them in one workflow
 * task reply (4 MB at most), and continue-as-new carries the state and every event in one payload (2 MB at most).
 * Without a bound, 500 documents of 1,000 characters made Temporal terminate the case (GrpcMessageTooLarge).
 * 200 documents keep the state near 250 kB; 500 events of the commands nothing else bounds (about 1.3 kB at most
 * each) and 100 recorded signal refusals (about 3 kB at most each) keep state and record together near 1.5 MB.
 * The texts of 40 notices (about 4.5 kB at most each: an invitation by SMS, e-mail and letter) add 180 kB; a case
 * that is notified more often (each work-permit application is answered) records the later notices without text.
 */
export const CASE_LIMITS = { documents: 200, events: 500, rejectedSignals: 100, noticeTexts: 40 } as const;

/** The commands every open case allows, which no step of the lifecycle bounds: the limits are theirs. */
const UNBOUNDED: ReadonlySet<CommandName> = new Set<CommandName>([
  'recordDocument',
  'updateContactInfo',
  'applyForWorkPermit',
  'assignCase',
  'addNote',
]);

/** Why the case takes no more of `command`, or undefined while it does. */
export function limitReached(
  state: CaseState,
  command: CommandName,
): ['documentLimit', { count: number }] | ['eventLimit', { count: number; command: string }] | undefined {
  // A closed case's workflow has completed: what it still takes (a note) joins its archived record instead.
  if (state.closed) return undefined;
  if (command === 'recordDocument' && state.documents.length >= CASE_LIMITS.documents)
    return ['documentLimit', { count: state.documents.length }];
  if (UNBOUNDED.has(command) && state.lastEventSeq >= CASE_LIMITS.events)
    return ['eventLimit', { count: state.lastEventSeq, command }];
  return undefined;
}

/** A refusal of an outside system's signal is recorded only while the record has room for one more. */
export const roomForRejectedSignal = (events: readonly CaseEvent[]): boolean =>
  events.filter((event) => event.type === 'CommandRejected').length < CASE_LIMITS.rejectedSignals;

/** A delivered notice keeps its messages' texts on the record only while the record has room for one more. */
export const roomForNoticeTexts = (events: readonly CaseEvent[]): boolean =>
  events.filter((event) => event.type === 'NoticeDelivered' && event.data.messages).length <
  CASE_LIMITS.noticeTexts;
