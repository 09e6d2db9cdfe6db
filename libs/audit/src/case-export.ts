import { type CaseEvent, deadlineHistory, type DeadlineOutcome } from '@saksflyt/domain';
import type { CaseRecordData } from './case-source';

/** The events that carry a decision, with its grounds and the policy version it applied. */
const DECISIONS: CaseEvent['type'][] = [
  'CollectiveProtectionAssessed',
  'DublinReplyRecorded',
  'DecisionMade',
  'AppealReconsidered',
  'UneDecisionRecorded',
  'WorkPermitDecided',
  'ApplicationWithdrawn',
  'LeftNorwayReported',
];

/** An internal note: for UDI's eyes (the timeline, the audit view, the exports), never in a message to the applicant. */
export interface ExportedNote {
  seq: number;
  at: string;
  author: string;
  text: string;
}

/** Who took the case, handed it on or returned it to its team's queue, and when. */
export interface ExportedAssignment {
  seq: number;
  at: string;
  actor: string;
  action: 'took' | 'handed-on' | 'returned-to-queue' | 'moved-to-team';
  assignee: string | null;
  previousAssignee: string | null;
  team: string;
  /** The same in words (English), for the JSON's readers. */
  summary: string;
}

export interface CaseExport {
  dufNumber: string;
  exportedAt: string;
  source: CaseRecordData['source'];
  status: string;
  track: string;
  closed: boolean;
  applicant: CaseRecordData['state']['application']['applicant'];
  lodgedAt: string;
  decisions: { seq: number; at: string; actor: string; type: string; details: Record<string, unknown> }[];
  deadlines: DeadlineOutcome[];
  notes: ExportedNote[];
  assignments: ExportedAssignment[];
  timeline: { seq: number; at: string; actor: string; type: string; data: unknown }[];
}

const actorOf = (event: CaseEvent) => `${event.actor.id} (${event.actor.role})`;

export function notesOf(events: readonly CaseEvent[]): ExportedNote[] {
  return events.flatMap((event) =>
    event.type === 'NoteAdded'
      ? [{ seq: event.seq, at: event.at, author: actorOf(event), text: event.data.text }]
      : [],
  );
}

export function assignmentsOf(events: readonly CaseEvent[]): ExportedAssignment[] {
  return events.flatMap((event) => {
    if (event.type !== 'CaseAssigned') return [];
    const { assignee, previousAssignee, team } = event.data;
    const action: ExportedAssignment['action'] =
      assignee === null
        ? 'returned-to-queue'
        : assignee === previousAssignee
          ? 'moved-to-team'
          : assignee === event.actor.id
            ? 'took'
            : 'handed-on';
    // "from" only when it was someone else's: an admin handing on a caseworker's case.
    const from = previousAssignee && previousAssignee !== event.actor.id ? ` from ${previousAssignee}` : '';
    const summary = {
      took: `${event.actor.id} took the case${from} (team ${team})`,
      'handed-on': `${event.actor.id} handed the case${from} to ${assignee} (team ${team})`,
      'returned-to-queue': `${event.actor.id} returned the case${from} to the queue of team ${team}`,
      'moved-to-team': `${event.actor.id} moved the case to team ${team}`,
    }[action];
    return [
      {
        seq: event.seq,
        at: event.at,
        actor: actorOf(event),
        action,
        assignee,
        previousAssignee,
        team,
        summary,
      },
    ];
  });
}

/** A readable record of one case: who did what, when, on which grounds and under which policy version. */
export function caseExport(record: CaseRecordData, exportedAt = new Date()): CaseExport {
  const { state, events } = record;
  return {
    dufNumber: state.dufNumber,
    exportedAt: exportedAt.toISOString(),
    source: record.source,
    status: state.status,
    track: state.track,
    closed: state.closed,
    applicant: state.application.applicant,
    lodgedAt: state.lodgedAt,
    decisions: events
      .filter((event) => DECISIONS.includes(event.type))
      .map((event) => ({
        seq: event.seq,
        at: event.at,
        actor: actorOf(event),
        type: event.type,
        details: event.data as Record<string, unknown>,
      })),
    deadlines: deadlineHistory(events),
    notes: notesOf(events),
    assignments: assignmentsOf(events),
    timeline: events.map((event) => ({
      seq: event.seq,
      at: event.at,
      actor: actorOf(event),
      type: event.type,
      data: event.data,
    })),
  };
}
