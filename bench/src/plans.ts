import {
  daysIn,
  FACT_TIME_FIELD,
  POLICY_PROFILES,
  type ApplicationLodged,
  type CaseStatus,
  type CommandName,
} from '@saksflyt/domain';
import { demoCases, type DemoCase, type DemoPathName } from '@saksflyt/workflows/demo';

/** Where a case goes instead when a command is refused because a deadline moved the case on first. */
export interface OtherWay {
  /** The command the case allows when it went that way. */
  when: CommandName;
  steps: PlannedStep[];
}

/** One command of a case's path, as the client sends it; `waitMs` first lets the case's timers run. */
export interface PlannedStep {
  command: CommandName;
  /** Dated when it is sent: see `payloadToSend`. */
  payload: Record<string, unknown>;
  waitMs?: number;
  /**
   * Where the case goes instead if this command is refused because a window closed first (on the bench clock a
   * Dublin state's two months to answer are 1.2 s, and a loaded machine may answer slower): the case then allows
   * `when`.
   */
  orElse?: OtherWay[];
}

export interface CasePlan {
  dufNumber: string;
  application: ApplicationLodged;
  steps: PlannedStep[];
  /** The demo path the case follows before its closing steps, and where that path leaves it. */
  demoPath: DemoPathName;
  demoStatus: CaseStatus;
}

const BENCH_POLICY = POLICY_PROFILES.bench[POLICY_PROFILES.bench.length - 1];
if (!BENCH_POLICY?.secondsPerDay) throw new Error('the bench policy profile has no time scale');
/** Milliseconds of the bench profile's clock for a number of its days, and a little for the worker to act. */
const benchDays = (days: number) => Math.ceil(days * (BENCH_POLICY.secondsPerDay ?? 0) * 1000) + 100;

/**
 * How far ahead of its invitation an interview is scheduled. It is recorded as held at that time, within the five
 * minutes a recorded fact may lie ahead of the case's clock: an interview is never held before its time (rules
 * version 2), and on a machine where an update may wait half a minute no case could otherwise count on being
 * invited before the time it was given, nor wait out its interview without changing what the bench measures.
 */
const INTERVIEW_AHEAD_MS = 4 * 60_000;

/**
 * The payload as it goes out at `now`: the fact it records dated then (a service follows the decision however long
 * the case took to get there), an interview scheduled ahead and held at that time, and an appeal posted the moment
 * the decision was served, which keeps it in time however late it is registered (fvl. § 30).
 */
export function payloadToSend(
  step: PlannedStep,
  now: Date,
  sent: ReadonlyMap<CommandName, Record<string, unknown>>,
): Record<string, unknown> {
  const payload = { ...step.payload };
  const field = FACT_TIME_FIELD[step.command];
  if (field && field in payload) payload[field] = now.toISOString();
  if (step.command === 'inviteToInterview') {
    payload.scheduledAt = new Date(now.getTime() + INTERVIEW_AHEAD_MS).toISOString();
    if (payload.phoneCall)
      payload.phoneCall = { ...(payload.phoneCall as object), calledAt: now.toISOString() };
  }
  const scheduledAt = sent.get('inviteToInterview')?.scheduledAt;
  if (step.command === 'recordInterview' && scheduledAt) payload.heldAt = scheduledAt;
  const servedAt = sent.get('recordDecisionServed')?.servedAt;
  if (step.command === 'lodgeAppeal' && servedAt) payload.lodgedAt = servedAt;
  return payload;
}

/**
 * The DUF number of the `index`th case of a phase and round: unique within one benchmark run (the server is fresh),
 * whatever the generated applications say, so that 100,000 cases never collide.
 */
export function benchDufNumber(phase: number, round: number, index: number): string {
  return `20${String(phase).padStart(2, '0')}${String(round).padStart(2, '0')}${String(index).padStart(6, '0')}`;
}

/** The applicant leaves Norway: a case Norway took over (no Dublin request in time, or the transfer lapsed) ends so. */
const leftNorway = (at: string): PlannedStep => ({
  command: 'reportLeftNorway',
  payload: { detectedAt: at },
});
const norwayResponsible = (at: string): OtherWay => ({ when: 'inviteToInterview', steps: [leftNorway(at)] });

/**
 * How each demo path (`workflows/src/demo.ts`) goes on to a closed case, some after the case's own timers have run
 * (appeal and departure deadlines, a Dublin reply deadline whose silence is acceptance). Paths that end closed need
 * nothing more.
 */
function closingSteps(demo: DemoCase, at: string): PlannedStep[] {
  const policy = BENCH_POLICY as NonNullable<typeof BENCH_POLICY>;
  const appealThenDeparture = benchDays(daysIn(policy.appealPeriod) + policy.defaultDepartureDeadlineDays);
  const servedThenDeparted: PlannedStep[] = [
    { command: 'recordDecisionServed', payload: { servedAt: at, via: 'lawyer' } },
    // No appeal: the appeal deadline passes, then the departure deadline (the police are told).
    {
      command: 'reportDeparture',
      payload: { departedAt: at, destination: 'PL' },
      waitMs: appealThenDeparture,
    },
  ];
  const closings: Record<DemoPathName, () => PlannedStep[]> = {
    lodged: () => [leftNorway(at)],
    registered: () => [
      {
        command: 'assessCollectiveProtection',
        payload: { eligible: true, reason: 'covered by the collective scheme' },
      },
    ],
    'assessed-individually': () => [
      { command: 'withdraw', payload: { receivedAt: at, exemption: 'other-permit' } },
    ],
    invited: () => interviewedAndGranted(at),
    'invited-call-not-reached': () => interviewedAndGranted(at),
    interviewed: () => [
      { command: 'decide', payload: { outcome: 'granted-refugee', grounds: '§ 28 first paragraph (a)' } },
    ],
    'rejected-and-served': () => servedThenDeparted.slice(1),
    'rejected-not-served': () => servedThenDeparted,
    'refused-to-examine-not-served': () => servedThenDeparted,
    'dublin-requested': () => [
      {
        // Poland does not answer: silence is acceptance, and the transfer is carried out.
        command: 'recordDublinTransfer',
        payload: { transferredAt: at },
        waitMs: benchDays(daysIn(policy.dublin.takeChargeReply)),
        // Six months to transfer are 3.6 s here: a slow enough machine lets the transfer period lapse first.
        orElse: [norwayResponsible(at)],
      },
    ],
    'at-une-suspensive-effect-waiting': () => [
      { command: 'recordUneDecision', payload: { outcome: 'granted', decidedAt: at } },
    ],
    'at-une-suspensive-effect-refused': () => [
      { command: 'recordUneDecision', payload: { outcome: 'granted', decidedAt: at } },
    ],
    'appealed-before-service-suspensive-effect-waiting': () => [
      { command: 'reconsiderAppeal', payload: { reversed: true, grounds: 'the appeal is well founded' } },
    ],
    'withdrawn-with-duty-to-leave': () => [
      {
        command: 'reportDeparture',
        payload: { departedAt: at },
        waitMs: benchDays(policy.defaultDepartureDeadlineDays),
      },
    ],
    granted: () => [],
    'collective-protection': () => [],
    'left-norway-while-waiting': () => [],
    'departed-after-une': () => [],
    'dublin-travelled-alone': () => [],
  };
  return closings[demo.path]();
}

function interviewedAndGranted(at: string): PlannedStep[] {
  return [
    { command: 'recordInterview', payload: { outcome: 'held', heldAt: at } },
    { command: 'decide', payload: { outcome: 'granted-subsidiary', grounds: '§ 28 first paragraph (b)' } },
  ];
}

/**
 * The demo's steps, then its closing ones. On the Dublin track the bench clock's months are seconds: the request
 * period may end before the request is registered, or the transfer period lapse before the case gets there (Norway
 * is then responsible, and the applicant leaves); the other state's silence may answer before its reply is recorded
 * (the case goes on from the acceptance).
 */
function plannedSteps(demo: DemoCase, at: string): PlannedStep[] {
  const steps: PlannedStep[] = [
    ...demo.steps.map((step) => ({
      command: step.command,
      payload: step.payload as Record<string, unknown>,
    })),
    ...closingSteps(demo, at),
  ];
  const dublinFrom = steps.findIndex((step) => step.command === 'registerDublinCase');
  if (dublinFrom === -1) return steps;
  for (let index = steps.length - 1; index >= dublinFrom; index--) {
    const step = steps[index] as PlannedStep;
    const otherWays = [...(step.orElse ?? [])];
    if (!otherWays.some((other) => other.when === 'inviteToInterview')) otherWays.push(norwayResponsible(at));
    if (step.command === 'recordDublinReply')
      otherWays.push({ when: 'recordDecisionServed', steps: steps.slice(index + 1) });
    steps[index] = { ...step, orElse: otherWays };
  }
  return steps;
}

/** `count` cases on the demo's mixed paths, each driven on to its close. */
export function lifecyclePlans(phase: number, round: number, count: number, now = new Date()): CasePlan[] {
  return demoCases(count, now, 7000 + phase * 100 + round).map((demo, index) => {
    const dufNumber = benchDufNumber(phase, round, index);
    return {
      dufNumber,
      // Lodged now: the Dublin request period, three months of 20 ms days, counts from the lodging.
      application: { ...demo.application, dufNumber, lodgedAt: now.toISOString() },
      steps: plannedSteps(demo, now.toISOString()),
      demoPath: demo.path,
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
