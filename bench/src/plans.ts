import {
  daysIn,
  POLICY_PROFILES,
  type ApplicationLodged,
  type CaseStatus,
  type CommandName,
} from '@saksflyt/domain';
import { demoCases, type DemoStep } from '@saksflyt/workflows/demo';

/** One command of a case's path, as the client sends it; `waitMs` first lets the case's timers run. */
export interface PlannedStep {
  command: CommandName;
  payload: Record<string, unknown>;
  waitMs?: number;
  /**
   * Where the case goes instead if this command is refused because its window closed first (a 21-day appeal period
   * is 0.42 s on the bench clock, and a loaded machine may answer slower): the case then allows `when`.
   */
  orElse?: { when: CommandName; steps: PlannedStep[] };
}

export interface CasePlan {
  dufNumber: string;
  application: ApplicationLodged;
  steps: PlannedStep[];
  /** Where the demo path leaves the case before the closing steps. */
  demoStatus: CaseStatus;
}

const BENCH_POLICY = POLICY_PROFILES.bench[POLICY_PROFILES.bench.length - 1];
if (!BENCH_POLICY?.secondsPerDay) throw new Error('the bench policy profile has no time scale');
/** Milliseconds of the bench profile's clock for a number of its days, and a little for the worker to act. */
const benchDays = (days: number) => Math.ceil(days * (BENCH_POLICY.secondsPerDay ?? 0) * 1000) + 100;

/**
 * The DUF number of the `index`th case of a phase and round: unique within one benchmark run (the server is fresh),
 * whatever the generated applications say, so that 100,000 cases never collide.
 */
export function benchDufNumber(phase: number, round: number, index: number): string {
  return `20${String(phase).padStart(2, '0')}${String(round).padStart(2, '0')}${String(index).padStart(6, '0')}`;
}

/**
 * How each demo path (`workflows/src/demo.ts`) goes on to a closed case: the demo's steps leave cases in twelve
 * statuses; these steps finish them, three of them after the case's own timers have run (appeal and departure
 * deadlines, a Dublin reply deadline whose silence is acceptance).
 */
function closingSteps(status: CaseStatus, at: string): PlannedStep[] {
  const policy = BENCH_POLICY as NonNullable<typeof BENCH_POLICY>;
  switch (status) {
    case 'lodged':
      return [{ command: 'reportLeftNorway', payload: { detectedAt: at } }];
    case 'awaiting-collective-assessment':
      return [
        {
          command: 'assessCollectiveProtection',
          payload: { eligible: true, reason: 'covered by the collective scheme' },
        },
      ];
    case 'individual-assessment':
      return [{ command: 'withdraw', payload: { receivedAt: at, exemption: 'other-permit' } }];
    case 'interview-scheduled':
      return [
        { command: 'recordInterview', payload: { outcome: 'held', heldAt: at } },
        {
          command: 'decide',
          payload: { outcome: 'granted-subsidiary', grounds: '§ 28 first paragraph (b)' },
        },
      ];
    case 'awaiting-decision':
      return [
        { command: 'decide', payload: { outcome: 'granted-refugee', grounds: '§ 28 first paragraph (a)' } },
      ];
    case 'rejected':
      // No appeal: the appeal deadline passes, then the departure deadline (the police are told).
      return [
        {
          command: 'reportDeparture',
          payload: { departedAt: at, destination: 'PL' },
          waitMs: benchDays(daysIn(policy.appealPeriod) + policy.defaultDepartureDeadlineDays),
        },
      ];
    case 'departure-pending':
      return [
        {
          command: 'reportDeparture',
          payload: { departedAt: at },
          waitMs: benchDays(policy.defaultDepartureDeadlineDays),
        },
      ];
    case 'dublin-procedure':
      // Poland does not answer: silence is acceptance, and the transfer is carried out.
      return [
        {
          command: 'recordDublinTransfer',
          payload: { transferredAt: at },
          waitMs: benchDays(daysIn(policy.dublin.takeChargeReply)),
          // Six months to transfer are 3.6 s here: a slow enough machine lets the transfer period lapse first.
          orElse: {
            when: 'inviteToInterview',
            steps: [{ command: 'reportLeftNorway', payload: { detectedAt: at } }],
          },
        },
      ];
    case 'at-une':
      return [{ command: 'recordUneDecision', payload: { outcome: 'granted', decidedAt: at } }];
    default:
      return [];
  }
}

/**
 * A demo step, with the other ending where a deadline may close its window first: an appeal lodged after the appeal
 * period is refused and the case goes on to departure; a transfer recorded after the transfer period lapsed is
 * refused and Norway takes the case, which the applicant then leaves.
 */
function asStep(step: DemoStep, at: string): PlannedStep {
  const planned: PlannedStep = { command: step.command, payload: step.payload as Record<string, unknown> };
  if (step.command === 'lodgeAppeal')
    planned.orElse = {
      when: 'reportDeparture',
      steps: [{ command: 'reportDeparture', payload: { departedAt: at } }],
    };
  return planned;
}

/** `count` cases on the demo's mixed paths, each driven on to its close. */
export function lifecyclePlans(phase: number, round: number, count: number, now = new Date()): CasePlan[] {
  return demoCases(count, now, 7000 + phase * 100 + round).map((demo, index) => {
    const dufNumber = benchDufNumber(phase, round, index);
    return {
      dufNumber,
      application: { ...demo.application, dufNumber },
      steps: [
        ...demo.steps.map((step) => asStep(step, now.toISOString())),
        ...closingSteps(demo.expectedStatus, now.toISOString()),
      ],
      demoStatus: demo.expectedStatus,
    };
  });
}

/** Applications only, for cases that stay open (the scale phase). */
export function openApplications(phase: number, from: number, count: number): ApplicationLodged[] {
  return demoCases(count, new Date(), 9000 + from).map((demo, offset) => ({
    ...demo.application,
    dufNumber: benchDufNumber(phase, 0, from + offset),
  }));
}
