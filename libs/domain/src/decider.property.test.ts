import fc from 'fast-check';
import { COMMAND_NAMES } from './commands';
import { decide } from './decide';
import { fold } from './evolve';
import { DeadlineKind, type RulesVersion } from './case-state';
import { anApplication } from './__fixtures__/applications';
import { Scenario } from './__fixtures__/scenario';

/**
 * A time relative to the case's clock when the step runs: facts are recorded up to a month late (never early),
 * appointments lie up to two months ahead.
 */
type RelativeTime = { minutesFromNow: number };
const past = fc
  .integer({ min: -30 * 24 * 60, max: 0 })
  .map((minutesFromNow): RelativeTime => ({ minutesFromNow }));
const future = fc
  .integer({ min: 1, max: 60 * 24 * 60 })
  .map((minutesFromNow): RelativeTime => ({ minutesFromNow }));
const instant = past;

function resolveTimes(value: unknown, now: string): unknown {
  if (value && typeof value === 'object' && 'minutesFromNow' in value) {
    return new Date(Date.parse(now) + (value as RelativeTime).minutesFromNow * 60_000).toISOString();
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveTimes(inner, now)]));
  }
  return value;
}

/** Payloads that are valid often enough to drive cases deep, and wrong sometimes. */
const payloads: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  registerWithPolice: fc.record({
    registeredAt: instant,
    policeDistrict: fc.constant('Øst'),
    passport: fc.record({
      kind: fc.constantFrom('international', 'internal'),
      expiresOn: fc.constantFrom('2025-01-01', '2031-01-01'),
      surrendered: fc.boolean(),
    }),
    eurodacHit: fc.constant(null),
  }),
  assessCollectiveProtection: fc.record({ eligible: fc.boolean(), reason: fc.constant('screened') }),
  registerDublinCase: fc.record(
    {
      responsibleState: fc.constantFrom('PL', 'SE', 'DE'),
      procedure: fc.constantFrom('take-charge', 'take-back'),
      eurodacHit: fc.boolean(),
      eurodacHitAt: instant,
    },
    { requiredKeys: ['responsibleState', 'procedure', 'eurodacHit'] },
  ),
  recordDublinReply: fc.record({ accepted: fc.boolean(), repliedAt: instant }),
  extendDublinTransferDeadline: fc.record({ reason: fc.constantFrom('imprisonment', 'absconding') }),
  recordDublinTransfer: fc.record({ transferredAt: instant }),
  inviteToInterview: fc.record(
    {
      scheduledAt: future,
      location: fc.constantFrom('oslo', 'trondheim', 'online'),
      interpreterLanguage: fc.constant('uk'),
      phoneCall: fc.record({ calledAt: instant, reached: fc.boolean(), hotelNight: fc.boolean() }),
    },
    { requiredKeys: ['scheduledAt', 'location', 'interpreterLanguage'] },
  ),
  recordInterview: fc.record({ outcome: fc.constantFrom('held', 'no-show'), heldAt: instant }),
  decide: fc.record({
    outcome: fc.constantFrom(
      'granted-refugee',
      'granted-subsidiary',
      'rejected',
      'not-examined-safe-third-country',
    ),
    grounds: fc.constant('assessed'),
    returnCountry: fc.constantFrom('PL', 'SE', undefined),
  }),
  lodgeAppeal: fc.record(
    {
      lodgedAt: instant,
      requestsSuspensiveEffect: fc.boolean(),
      lateAppealExcused: fc.record({ grounds: fc.constant('ill in hospital') }),
    },
    { requiredKeys: ['lodgedAt', 'requestsSuspensiveEffect'] },
  ),
  recordDecisionServed: fc.record({
    servedAt: instant,
    via: fc.constantFrom('lawyer', 'police', 'post', 'electronic'),
  }),
  decideSuspensiveEffect: fc.record({ granted: fc.boolean(), grounds: fc.constant('weighed') }),
  reconsiderAppeal: fc.record({ reversed: fc.boolean(), grounds: fc.constant('reconsidered') }),
  recordUneDecision: fc.record({ outcome: fc.constantFrom('granted', 'rejected'), decidedAt: instant }),
  withdraw: fc.record({ receivedAt: instant }, { requiredKeys: ['receivedAt'] }),
  reportLeftNorway: fc.record({ detectedAt: instant }),
  reportDeparture: fc.record({ departedAt: instant }),
  applyForWorkPermit: fc.record({ appliedAt: instant }),
  updateContactInfo: fc.record({ contact: fc.record({ email: fc.constant('a@example.org') }) }),
  recordDocument: fc.record(
    {
      kind: fc.constantFrom('original', 'copy'),
      receivedBy: fc.constantFrom('police', 'udi'),
      description: fc.constant('document'),
      passport: fc.record({
        kind: fc.constantFrom('international', 'internal'),
        number: fc.constant('FX998877'),
        expiresOn: fc.constantFrom('2025-01-01', '2031-01-01'),
      }),
    },
    { requiredKeys: ['kind', 'receivedBy', 'description'] },
  ),
  assignCase: fc.record(
    {
      // The scenario's actor is kari.nordmann: she takes, hands on, returns, or finds the case held by someone else.
      assignee: fc.constantFrom('kari.nordmann', 'ola.hansen', null),
      team: fc.constantFrom('dublin-unit', 'appeals'),
    },
    { requiredKeys: ['assignee'] },
  ),
  addNote: fc.record({ text: fc.constantFrom('called the applicant', ' ') }),
};

type Step =
  | { kind: 'command'; name: string; payload: Record<string, unknown> }
  | { kind: 'deadline'; deadline: DeadlineKind }
  | { kind: 'time-passes'; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .constantFrom(...COMMAND_NAMES)
    .chain((name) =>
      (payloads[name] ?? fc.constant({})).map((payload) => ({ kind: 'command' as const, name, payload })),
    ),
  fc.constantFrom(...DeadlineKind.options).map((deadline) => ({ kind: 'deadline' as const, deadline })),
  fc.integer({ min: 1, max: 90 }).map((days) => ({ kind: 'time-passes' as const, days })),
);

function run(steps: Step[], rulesVersion: RulesVersion = 2) {
  const scenario = new Scenario(
    anApplication({
      lodgedAt: '2026-11-02T09:30:00+01:00',
      staysInSafeCountries: ['PL'],
      applicant: {
        ...anApplication().applicant,
        residence: { kind: 'private', address: 'Storgata 1, Oslo' },
      },
    }),
    undefined,
    rulesVersion,
  );
  for (const next of steps) {
    const before = scenario.state;
    if (next.kind === 'deadline') {
      if (scenario.deadline(next.deadline)) scenario.expire(next.deadline);
      continue;
    }
    if (next.kind === 'time-passes') {
      // Time never passes a running deadline unnoticed: the workflow's timer would have fired first.
      const until = Date.parse(scenario.now) + next.days * 24 * 60 * 60 * 1000;
      const firstDue = Math.min(...scenario.state.deadlines.map((deadline) => Date.parse(deadline.dueAt)));
      if (until < firstDue) scenario.at(new Date(until).toISOString());
      continue;
    }
    const count = scenario.events.length;
    const decision = scenario.attempt(
      next.name as never,
      resolveTimes(next.payload, scenario.now) as Record<string, unknown>,
    );
    // A closed case accepts nothing but a note.
    if (before.closed && next.name !== 'addNote') expect(decision.ok).toBe(false);
    // A refused command leaves no trace.
    if (!decision.ok) {
      expect(scenario.state).toBe(before);
      expect(scenario.events).toHaveLength(count);
    }
  }
  return scenario;
}

describe.each([2, 1] as const)(
  'the decider under random command sequences, rules version %s',
  (rulesVersion) => {
    it('keeps its invariants: closed cases accept nothing but a note, deadlines lie after the event that set them, evolve reproduces the state', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
          const scenario = run(steps, rulesVersion);
          // Rule 13: the folded state is what a record holds, with no member left undefined (JSON drops those).
          expect(fold(scenario.events)).toStrictEqual(scenario.state);
          expect(JSON.parse(JSON.stringify(scenario.state))).toStrictEqual(scenario.state);
          let state = null;
          for (const event of scenario.events) {
            const previous = state;
            state = fold([event], previous);
            for (const deadline of state?.deadlines ?? []) {
              const unchanged = previous?.deadlines.some(
                (old) => old.kind === deadline.kind && old.dueAt === deadline.dueAt,
              );
              // A deadline counted from a fact recorded late (a service; the Dublin request period, which runs from
              // the lodging, a Eurodac hit or a refusal's reply, Dublin III Art. 21(1), and may have ended before the
              // collective assessment sends the case to individual assessment) may already have run out: its timer
              // fires at once.
              const countedFromAFact =
                (event.type === 'DecisionServed' && deadline.kind === 'appeal') ||
                deadline.kind === 'dublin-request';
              if (!unchanged && !countedFromAFact)
                expect(Date.parse(deadline.dueAt)).toBeGreaterThan(Date.parse(event.at));
            }
          }
          if (scenario.state.closed) {
            expect(scenario.state.deadlines).toEqual([]);
            // A note joins a closed case's archived record (contract §1, addNote): nothing else changes it.
            expect(scenario.state.allowedCommands).toEqual(['addNote']);
            expect(scenario.state.passport.custody).not.toBe('police');
          }
        }),
        { numRuns: 300 },
      );
    });

    it('numbers events consecutively from 1', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
          const scenario = run(steps, rulesVersion);
          expect(scenario.events.map((event) => event.seq)).toEqual(
            scenario.events.map((_event, index) => index + 1),
          );
        }),
        { numRuns: 100 },
      );
    });

    it('refuses every command with a rejection, never an exception, whatever the payload', () => {
      fc.assert(
        fc.property(fc.constantFrom(...COMMAND_NAMES), fc.anything(), (name, payload) => {
          const { state } = new Scenario();
          const decision = decide(state, { type: name, payload }, { now: '2026-11-03T10:00:00Z' });
          expect(typeof decision.ok).toBe('boolean');
        }),
        { numRuns: 300 },
      );
    });
  },
);
