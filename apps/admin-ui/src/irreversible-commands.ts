// The commands that cannot be undone, and what each would do to the case: the page asks before it sends one.
import {
  decide,
  deadlineOf,
  evolve,
  POLICY_PROFILES,
  policyInForce,
  STANDARD_POLICY,
  type CaseState,
  type CaseStatus,
  type CommandName,
  type PolicyVersion,
} from './domain';
import { isoToOsloLocal } from './oslo-time';
import { UI_ACTOR } from './schema-form';

/**
 * No command takes these back: each closes the case, decides for or against the applicant (on protection, an
 * appeal, suspensive effect, a transfer), starts a time limit that runs against the applicant (the appeal period
 * from service, fvl. § 29; a departure deadline, utl. § 90; a Dublin reply or transfer period, Dublin III Art. 22,
 * 25, 29), or sends the case to another authority (a Dublin request, UNE). The routine commands (registering with
 * the police, inviting, recording an interview, a document, an appeal the applicant lodged, contact details, a work
 * permit application, assignment, notes) may be followed by another command that puts things right.
 */
export const IRREVERSIBLE_COMMANDS = [
  'assessCollectiveProtection',
  'registerDublinCase',
  'recordDublinReply',
  'recordDublinTransfer',
  'decide',
  'recordDecisionServed',
  'decideSuspensiveEffect',
  'reconsiderAppeal',
  'recordUneDecision',
  'withdraw',
  'reportLeftNorway',
  'reportDeparture',
] as const satisfies readonly CommandName[];
export type IrreversibleCommand = (typeof IRREVERSIBLE_COMMANDS)[number];

const IRREVERSIBLE: ReadonlySet<CommandName> = new Set(IRREVERSIBLE_COMMANDS);

export function isIrreversible(command: CommandName): command is IrreversibleCommand {
  return IRREVERSIBLE.has(command);
}

/** One thing a command would do to the case, for the confirmation to say in words (i18n.ts, `confirm.consequence`). */
export type Consequence =
  /** The case closes with this status (a grant, a withdrawal, a dismissal, a departure, a transfer). */
  | { kind: 'closes'; status: CaseStatus }
  /** The case moves on to this status. */
  | { kind: 'moves-to'; status: CaseStatus }
  /** The applicant must leave Norway by `dueAt`, `days` days set by the decision or the policy in force. */
  | { kind: 'duty-to-leave'; days: number; dueAt: string }
  /** An appealable decision: the appeal period of three weeks runs from service (fvl. § 29). */
  | { kind: 'appeal-from-service' }
  /** Without an appeal in time, the applicant must leave within `days` days of the decision becoming final. */
  | { kind: 'duty-to-leave-unless-appealed'; days: number }
  /** The appeal period runs out at `dueAt` (from service, or from the decision under the first rules). */
  | { kind: 'appeal-until'; dueAt: string }
  /** The decision is final: no appeal lies against it. */
  | { kind: 'final' };

/**
 * What a command would do to the case, foreseen with the domain's own `decide` and `evolve` (the rules the workflow
 * applies, so no rule is written twice), on the policy the case runs under. Empty when the domain would refuse it
 * here (the server will say why) or when nothing worth naming follows; the page still says it cannot be undone.
 */
export function consequencesOf(
  command: IrreversibleCommand,
  payload: Record<string, unknown>,
  state: CaseState,
  now: string,
): Consequence[] {
  const policy = policyOfCase(state);
  const decision = decide(
    state,
    { type: command, payload: { ...payload, actor: UI_ACTOR } },
    { now, policy },
  );
  if (!decision.ok) return [];
  const next = decision.events.reduce<CaseState>((folded, event) => evolve(folded, event), state);
  const consequences: Consequence[] = [];
  if (next.closed) consequences.push({ kind: 'closes', status: next.status });
  else if (next.status !== state.status) consequences.push({ kind: 'moves-to', status: next.status });

  const departure = deadlineOf(next, 'departure');
  if (departure && departure.dueAt !== deadlineOf(state, 'departure')?.dueAt) {
    // The domain's own order: the command's days, the decision's, the policy's default (topics/appeal.ts).
    const given =
      typeof payload.departureDeadlineDays === 'number' ? payload.departureDeadlineDays : undefined;
    const days =
      given ??
      next.decision?.departureDeadlineDays ??
      policyInForce(osloDate(now), policy).defaultDepartureDeadlineDays;
    consequences.push({ kind: 'duty-to-leave', days, dueAt: departure.dueAt });
  }

  const appeal = deadlineOf(next, 'appeal');
  if (appeal && appeal.dueAt !== deadlineOf(state, 'appeal')?.dueAt) {
    consequences.push({ kind: 'appeal-until', dueAt: appeal.dueAt });
  } else if (next.appealable && !state.appealable && !next.appealable.served && !next.decisionFinal) {
    consequences.push({ kind: 'appeal-from-service' });
  }
  if (
    next.decision &&
    !state.decision &&
    next.appealable &&
    next.appealable.against !== 'dublin-transfer' &&
    !departure
  ) {
    consequences.push({ kind: 'duty-to-leave-unless-appealed', days: next.decision.departureDeadlineDays });
  }
  if (next.decisionFinal && !state.decisionFinal && !next.closed) consequences.push({ kind: 'final' });
  return consequences;
}

/**
 * The policy the case runs under: the profile (standard, accelerated, bench) whose versions include the one its
 * screening recorded at lodging; the standard policy when the page does not know it.
 */
export function policyOfCase(state: Pick<CaseState, 'collectiveScreening'>): readonly PolicyVersion[] {
  const recorded = state.collectiveScreening.policyVersion;
  return (
    Object.values(POLICY_PROFILES).find((versions) =>
      versions.some((version) => version.version === recorded),
    ) ?? STANDARD_POLICY
  );
}

function osloDate(instant: string): string {
  return isoToOsloLocal(instant).slice(0, 10);
}
