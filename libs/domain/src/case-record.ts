import type { CaseEvent } from './case-events';
import type { CaseState, DeadlineKind } from './case-state';
import { evolve } from './evolve';

export interface DeadlineOutcome {
  kind: DeadlineKind;
  dueAt: string;
  setBySeq: number;
  /** `met`: what it waited for happened in time; `ran-out`: the timer fired; `running`: still open; `lifted`: the case moved on. */
  outcome: 'met' | 'ran-out' | 'running' | 'lifted';
  endedBySeq?: number;
  endedBy?: string;
}

/** The events that end a deadline by its running out: the timer's own command went through `decide`. */
const RAN_OUT: Partial<Record<DeadlineKind, CaseEvent['type'][]>> = {
  appeal: ['AppealDeadlinePassed'],
  departure: ['DepartureDeadlinePassed'],
  'dublin-reply': [],
  'dublin-transfer': ['DublinTransferDeadlineLapsed'],
  'interview-reminder': ['InterviewReminderSent'],
};

/** What a deadline waited for: its arrival in time means the deadline was met. */
const MET_BY: Partial<Record<DeadlineKind, CaseEvent['type'][]>> = {
  appeal: ['AppealLodged'],
  departure: ['DepartureReported'],
  'dublin-reply': ['DublinReplyRecorded'],
  'dublin-transfer': ['DublinTransferred'],
  'interview-reminder': ['InterviewRecorded'],
};

/**
 * Every deadline a case ever had and how it ended, read from its events with the same `evolve` as everything else:
 * for auditors, "deadlines and whether they were met".
 */
export function deadlineHistory(events: readonly CaseEvent[]): DeadlineOutcome[] {
  const outcomes: DeadlineOutcome[] = [];
  let state: CaseState | null = null;
  for (const event of events) {
    const before = state?.deadlines ?? [];
    state = evolve(state, event);
    const after = state.deadlines;
    for (const ended of before.filter(
      (old) => !after.some((now) => now.kind === old.kind && now.dueAt === old.dueAt),
    )) {
      const open = outcomes.find(
        (entry) => entry.kind === ended.kind && entry.dueAt === ended.dueAt && entry.outcome === 'running',
      );
      if (!open) continue;
      const implicitReply = event.type === 'DublinReplyRecorded' && event.data.implicit;
      open.outcome =
        RAN_OUT[ended.kind]?.includes(event.type) || implicitReply
          ? 'ran-out'
          : MET_BY[ended.kind]?.includes(event.type)
            ? 'met'
            : 'lifted';
      open.endedBySeq = event.seq;
      open.endedBy = event.type;
    }
    for (const started of after.filter(
      (now) => !before.some((old) => old.kind === now.kind && old.dueAt === now.dueAt),
    )) {
      outcomes.push({ kind: started.kind, dueAt: started.dueAt, setBySeq: event.seq, outcome: 'running' });
    }
  }
  return outcomes;
}
