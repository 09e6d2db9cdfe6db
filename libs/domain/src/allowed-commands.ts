import type { CaseState, CaseStatus } from './case-state';
import { limitReached } from './case-limits';
import { deadlineOf } from './case-state';
import { COMMAND_NAMES, type CommandName } from './commands';

/** Before UDI's first-instance decision (or a Dublin transfer decision): the window for a withdrawal. */
const BEFORE_FIRST_DECISION: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  'lodged',
  'awaiting-collective-assessment',
  'individual-assessment',
  'interview-scheduled',
  'awaiting-decision',
]);

/** The case is still open and no final decision has been made: leaving Norway dismisses it. */
const BEFORE_FINAL_DECISION: ReadonlySet<CaseStatus> = new Set<CaseStatus>([
  ...BEFORE_FIRST_DECISION,
  'dublin-procedure',
  'rejected',
  'appeal-reconsideration',
  'at-une',
]);

const dublinAccepted = (state: CaseState) =>
  state.dublin?.reply?.accepted === true && !state.dublin.norwayResponsible;

/** When each command is allowed (contract §1, "allowed when"). Rules that need the payload live in `decide`. */
const ALLOWED: Record<CommandName, (state: CaseState) => boolean> = {
  registerWithPolice: (state) => state.status === 'lodged',
  assessCollectiveProtection: (state) => state.status === 'awaiting-collective-assessment',
  registerDublinCase: (state) => state.status === 'individual-assessment' && !state.dublin,
  recordDublinReply: (state) => state.status === 'dublin-procedure' && state.dublin?.reply === undefined,
  extendDublinTransferDeadline: (state) => state.status === 'dublin-procedure' && dublinAccepted(state),
  recordDublinTransfer: (state) =>
    (state.status === 'dublin-procedure' || state.status === 'at-une') && dublinAccepted(state),
  inviteToInterview: (state) =>
    state.status === 'individual-assessment' || state.status === 'interview-scheduled',
  recordInterview: (state) => state.status === 'interview-scheduled',
  decide: (state) => state.status === 'awaiting-decision',
  lodgeAppeal: (state) =>
    deadlineOf(state, 'appeal') !== undefined &&
    state.appeal === undefined &&
    (state.status === 'rejected' || (state.status === 'dublin-procedure' && dublinAccepted(state))),
  reconsiderAppeal: (state) => state.status === 'appeal-reconsideration',
  recordUneDecision: (state) => state.status === 'at-une',
  withdraw: (state) =>
    BEFORE_FIRST_DECISION.has(state.status) ||
    (state.status === 'dublin-procedure' && state.dublin?.reply?.accepted !== true),
  reportLeftNorway: (state) => BEFORE_FINAL_DECISION.has(state.status),
  reportDeparture: (state) => state.status === 'departure-pending' || state.status === 'enforcement',
  applyForWorkPermit: (state) => !state.closed && !limitReached(state, 'applyForWorkPermit'),
  updateContactInfo: (state) => !state.closed && !limitReached(state, 'updateContactInfo'),
  recordDocument: (state) => !state.closed && !limitReached(state, 'recordDocument'),
};

export function isAllowed(state: CaseState, command: CommandName): boolean {
  return !state.closed && ALLOWED[command](state);
}

export function allowedCommands(state: CaseState): CommandName[] {
  return COMMAND_NAMES.filter((command) => isAllowed(state, command));
}
