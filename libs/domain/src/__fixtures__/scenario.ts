import type { Actor } from '../actor';
import type { CaseEvent } from '../case-events';
import { CURRENT_RULES, type CaseState, type DeadlineKind, type RulesVersion } from '../case-state';
import { deadlineOf } from '../case-state';
import { FACT_TIME_FIELD, type CommandName, type CommandPayload } from '../commands';
import { decide, openCase, type Decision, type Rejection } from '../decide';
import type { Effect } from '../effects';
import { effectsOf } from '../effects-of';
import { evolve, fold } from '../evolve';
import type { PolicyVersion } from '../policy';
import { anApplication } from './applications';
import type { ApplicationLodged } from '../application-lodged';

export const CASEWORKER: Actor = { id: 'kari.nordmann', role: 'caseworker' };

type PayloadWithoutActor<Name extends CommandName> = Omit<CommandPayload<Name>, 'actor'>;

/**
 * A case driven through the pure core as the workflow drives it: decide, then fold every event with `evolve`.
 * The clock is explicit; `at` moves it.
 */
export class Scenario {
  events: CaseEvent[] = [];
  state: CaseState;
  now: string;
  /** The events the last accepted command or deadline recorded: what a given → when → then test pins. */
  recorded: CaseEvent[] = [];
  /** Who sends the commands: a caseworker unless `as` says otherwise. */
  actor: Actor = CASEWORKER;

  constructor(
    application: ApplicationLodged = anApplication(),
    private readonly policy?: readonly PolicyVersion[],
    rulesVersion: RulesVersion = CURRENT_RULES,
  ) {
    this.now = application.lodgedAt;
    const opened = openCase(application, this.context(), rulesVersion);
    if (!opened.ok) throw new Error(opened.rejection.message);
    this.state = this.record(opened);
  }

  as(actor: Actor): this {
    this.actor = actor;
    return this;
  }

  at(instant: string): this {
    this.now = new Date(instant).toISOString();
    return this;
  }

  /** Sends a command; throws with the rejection when it is refused. */
  send<Name extends CommandName>(name: Name, payload: PayloadWithoutActor<Name>): this {
    const decision = this.attempt(name, payload);
    if (!decision.ok) throw new Error(`${name} refused: ${decision.rejection.message}`);
    return this;
  }

  /** Records a command at the time of its fact when that is later than the clock: facts are recorded once they happen. */
  attempt<Name extends CommandName>(
    name: Name,
    payload: PayloadWithoutActor<Name> | Record<string, unknown>,
  ): Decision {
    const field = FACT_TIME_FIELD[name];
    const factTime = field ? (payload as Record<string, unknown>)[field] : undefined;
    if (typeof factTime === 'string' && Date.parse(factTime) > Date.parse(this.now)) this.at(factTime);
    const decision = decide(
      this.state,
      { type: name, payload: { actor: this.actor, ...payload } },
      this.context(),
    );
    if (decision.ok) this.record(decision);
    return decision;
  }

  rejection<Name extends CommandName>(
    name: Name,
    payload: PayloadWithoutActor<Name> | Record<string, unknown>,
  ): Rejection {
    const decision = this.attempt(name, payload);
    if (decision.ok) throw new Error(`${name} was accepted`);
    return decision.rejection;
  }

  /** Lets the named deadline run out, as the workflow's timer does. */
  expire(kind: DeadlineKind): this {
    const deadline = deadlineOf(this.state, kind);
    if (!deadline) throw new Error(`no ${kind} deadline is running`);
    this.now = deadline.dueAt;
    const decision = decide(
      this.state,
      { type: 'deadlineReached', kind, dueAt: deadline.dueAt },
      this.context(),
    );
    if (!decision.ok) throw new Error(decision.rejection.message);
    this.record(decision);
    return this;
  }

  /** Records an event the workflow builds itself rather than `decide`: a side effect carried out, or failed. */
  recordOutcome(event: CaseEvent): this {
    this.record({ ok: true, events: [event] });
    return this;
  }

  deadline(kind: DeadlineKind): string | undefined {
    return deadlineOf(this.state, kind)?.dueAt;
  }

  eventTypes(): string[] {
    return this.events.map((event) => event.type);
  }

  private context() {
    return { now: this.now, ...(this.policy ? { policy: this.policy } : {}) };
  }

  /** The last recorded events as a test pins them: type and data (the envelope is the same for all). */
  then(): { type: string; data: unknown }[] {
    return this.recorded.map(({ type, data }) => ({ type, data }));
  }

  /** The side effects the last recorded events call for, each judged on the state it led to. */
  effects(): Effect[] {
    let state: CaseState | null = fold(this.events.slice(0, this.events.length - this.recorded.length));
    return this.recorded.flatMap((event) => {
      state = evolve(state, event);
      return effectsOf(event, state);
    });
  }

  private record(decision: Decision): CaseState {
    if (!decision.ok) throw new Error(decision.rejection.message);
    this.recorded = decision.events;
    for (const event of decision.events) {
      this.events.push(event);
      this.state = evolve(this.events.length === 1 ? null : this.state, event);
    }
    return this.state;
  }
}

/** Effects as a test names them: `notify:<template>`, `notify-police:<reason>`, or the effect's kind. */
export const effectNames = (effects: Effect[]): string[] =>
  effects.map((effect) =>
    effect.kind === 'notify-applicant'
      ? `notify:${effect.template}`
      : effect.kind === 'notify-police'
        ? `notify-police:${effect.reason}`
        : effect.kind,
  );

/** Common openings. */
export const registered = (
  scenario: Scenario,
  passport: CommandPayload<'registerWithPolice'>['passport'] = {
    kind: 'international',
    number: 'FX123456',
    expiresOn: '2030-01-01',
    surrendered: true,
  },
) =>
  scenario.send('registerWithPolice', {
    registeredAt: scenario.now,
    policeDistrict: 'Øst',
    passport,
    eurodacHit: null,
  });

export const inIndividualAssessment = (scenario: Scenario) =>
  registered(scenario).send('assessCollectiveProtection', {
    eligible: false,
    reason: 'home oblast on the exclusion list',
  });

export const interviewed = (scenario: Scenario) =>
  inIndividualAssessment(scenario)
    .send('inviteToInterview', {
      scheduledAt: '2026-12-10T09:00:00+01:00',
      location: 'oslo',
      interpreterLanguage: 'uk',
    })
    .at('2026-12-10T16:00:00+01:00')
    .send('recordInterview', { outcome: 'held', heldAt: '2026-12-10T09:00:00+01:00' });
