import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  Actor,
  COMMAND_NAMES,
  decide,
  effectCarriedOut,
  effectFailed,
  effectsOf,
  evolve,
  nextDeadline,
  openCase,
  POLICY_PROFILES,
  policyWithPublished,
  roomForRejectedSignal,
  signalRefused,
  SIGNAL_COMMANDS,
  teamFor,
  type ApplicationLodged,
  type CaseEvent,
  type CaseState,
  type Command,
  type Decision,
  type PolicyVersion,
  type Rejection,
} from '@saksflyt/domain';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { EffectOutcome } from '@saksflyt/activities';
import { codecRefusal } from './codec-refusal';
import { SEARCH_ATTRIBUTES } from '@saksflyt/temporal/search-attributes';
import {
  archiveOnClose,
  carryOut,
  carryOutTogether,
  effectCall,
  failureMessage,
  projectEvents,
} from './effects';
import { countCommand, countDeadlineFired } from './metrics';
import {
  commandSignals,
  commandUpdates,
  eventsQuery,
  publishSearchAttributesSignal,
  stateQuery,
  type CaseContinuation,
  type CommandContext,
  type PendingEffect,
  type ProtectionCaseOptions,
} from './messages';

const DEFAULT_HISTORY_LENGTH_LIMIT = 10_000;

/**
 * One application for individual protection, from lodging until the case closes: a thin, deterministic shell
 * around the pure domain core. Commands and deadlines go through `decide`; every event is folded with the same
 * `evolve` the API and the auditors use; the activities the events call for run in order, one delivery each.
 */
export async function protectionCase(
  application: ApplicationLodged,
  options: ProtectionCaseOptions = {},
  carried?: CaseContinuation,
): Promise<CaseState> {
  const now = () => new Date().toISOString();
  const builtInPolicy = POLICY_PROFILES[options.policyProfile ?? 'standard'];
  let policy: readonly PolicyVersion[] = builtInPolicy;
  const events: CaseEvent[] = carried?.events ?? [];
  let state: CaseState;
  const pending: PendingEffect[] = [...(carried?.pendingEffects ?? [])];
  // Introduced after cases were already running: a history recorded without the marker replays the upserts it made.
  // Such a case sets the new attributes once something new happens to it (an assignment, a note, or the
  // `publishSearchAttributes` signal of `saksflyt cases reindex`), at a point no earlier history has.
  const searchAttributes = searchAttributePublisher(patched('work-allocation'));
  const publishSearchAttributes = searchAttributes.publish;
  // Introduced after cases were already running: a history recorded without the marker judged by the built-in
  // versions alone, and replays that way; a case started since follows the versions published to the registry
  // (issue 16), as its start and each command bring them (the inputs record them, so a replay judges alike).
  const followsPolicyRegistry = patched('policy-registry');

  /** The versions a command brings, over the profile's built-in ones; without them, those the case already had. */
  const policyFor = (context: CommandContext | undefined): readonly PolicyVersion[] =>
    followsPolicyRegistry && context?.publishedPolicy
      ? policyWithPublished(builtInPolicy, context.publishedPolicy)
      : policy;

  // An input that arrived unencrypted did not come from a holder of the key ring: the case does not start.
  const refusedInput = [application, options, carried].map(codecRefusal).find(Boolean);
  if (refusedInput) throw failureOf(refusedInput);

  if (carried) {
    state = carried.state;
    // A new run has no search attributes of its own until it sets them (rules version 2 sets only changes).
    if (state.rulesVersion !== 1) publishSearchAttributes(state);
  } else {
    // The rules are fixed when the case opens: a case started before rules version 2 replays (and goes on) under
    // the first release's rules, as far as the law allows (docs/versioning.md).
    const rulesVersion = patched('rules-version-2') ? 2 : 1;
    // The starter read the registry (startProtectionCase): the case is screened by the lists in force.
    policy = policyFor(options);
    const opened = openCase(application, { now: now(), policy }, rulesVersion);
    // A bad start input is the starter's mistake: fail at once rather than retry a workflow task for ever.
    if (!opened.ok) throw failureOf(opened.rejection);
    state = record(null, opened.events);
  }

  function record(from: CaseState | null, recorded: CaseEvent[]): CaseState {
    let next = from;
    for (const event of recorded) {
      events.push(event);
      next = evolve(next, event);
      effectsOf(event, next).forEach((effect, index) => pending.push({ seq: event.seq, index, effect }));
    }
    if (!next) throw new Error('no events recorded');
    state = next;
    if (recorded.some((event) => WORK_ALLOCATION_EVENTS.has(event.type))) searchAttributes.allocateWork();
    publishSearchAttributes(state);
    return state;
  }

  const judge = (
    command: Command | { type: string; payload: unknown },
    on: CaseState = state,
    judgedBy: readonly PolicyVersion[] = policy,
  ): Decision => decide(on, command, { now: now(), policy: judgedBy });

  // Introduced after cases were already running: behind patched(), so their histories still replay.
  const settlesDueDeadlinesFirst = patched('settle-due-deadlines-before-commands');

  /**
   * The events of the deadlines already run out at the case's time, without recording them. Temporal hands a
   * workflow task's updates and signals to the workflow before its fired timers; a command arriving as a deadline
   * runs out must still meet the case the deadline left (the case a query may already have shown), not the case
   * before it.
   */
  function dueDeadlineEvents(from: CaseState): CaseEvent[] {
    if (!settlesDueDeadlinesFirst) return [];
    const due: CaseEvent[] = [];
    let projected = from;
    for (let deadline = nextDeadline(projected); deadline; deadline = nextDeadline(projected)) {
      if (Date.parse(deadline.dueAt) > Date.now()) break;
      const decision = judge(
        { type: 'deadlineReached', kind: deadline.kind, dueAt: deadline.dueAt },
        projected,
      );
      if (!decision.ok || decision.events.length === 0) break;
      due.push(...decision.events);
      projected = decision.events.reduce<CaseState>(evolve, projected);
    }
    return due;
  }

  /** The case as a command finds it: its due deadlines settled (recorded, in a handler; projected, in a validator). */
  function caseForCommand(recordDue: boolean): CaseState {
    const due = dueDeadlineEvents(state);
    if (due.length === 0) return state;
    return recordDue ? record(state, due) : due.reduce<CaseState>(evolve, state);
  }

  /**
   * A closed case's workflow is only archiving before it completes: what a closed case still takes (a note) joins
   * its archived record through the API instead, so that nothing accepted here can miss the archive.
   */
  function judgeUpdate(
    name: string,
    payload: unknown,
    on: CaseState,
    judgedBy: readonly PolicyVersion[] = policy,
  ): Decision {
    if (on.closed) return { ok: false, rejection: CASE_CLOSED };
    return judge({ type: name, payload }, on, judgedBy);
  }

  setHandler(publishSearchAttributesSignal, () => {
    searchAttributes.allocateWork();
    publishSearchAttributes(state);
  });
  setHandler(stateQuery, () => state);
  setHandler(eventsQuery, () => events);

  for (const name of COMMAND_NAMES) {
    setHandler(
      commandUpdates[name],
      (payload: unknown, context?: CommandContext) => {
        // A replayed update skips its validator: the handler refuses an unencrypted payload the same way.
        const refused = codecRefusal(payload) ?? codecRefusal(context);
        if (refused) throw failureOf(refused);
        // The versions the command brings are the case's from now on (issue 16).
        policy = policyFor(context);
        // The validator ran a moment ago against this same state; judge again so the handler never trusts it blindly.
        const decision = judgeUpdate(name, payload, caseForCommand(true));
        if (!decision.ok) throw failureOf(decision.rejection);
        countCommand(name, 'accepted');
        return record(state, decision.events);
      },
      {
        // A validator may not change the case: it judges the case its due deadlines would leave.
        validator: (payload: unknown, context?: CommandContext) => {
          const refused = codecRefusal(payload) ?? codecRefusal(context);
          if (refused) {
            countCommand(name, REFUSED_BY_CODEC_OUTCOME);
            log.warn('refused a command that arrived unencrypted', { command: name });
            throw failureOf(refused);
          }
          const decision = judgeUpdate(name, payload, caseForCommand(false), policyFor(context));
          if (decision.ok) return;
          countCommand(name, decision.rejection.error);
          throw failureOf(decision.rejection);
        },
      },
    );
  }

  for (const name of SIGNAL_COMMANDS) {
    setHandler(commandSignals[name], (payload: unknown) => {
      const refused = codecRefusal(payload);
      const decision: Decision = refused
        ? { ok: false, rejection: refused }
        : judge({ type: name, payload }, caseForCommand(true));
      countCommand(
        name,
        refused ? REFUSED_BY_CODEC_OUTCOME : decision.ok ? 'accepted' : decision.rejection.error,
      );
      if (refused) log.warn('refused a command that arrived unencrypted', { command: name });
      if (decision.ok) {
        record(state, decision.events);
        return;
      }
      // A signal cannot be refused to its sender: the refusal goes on the case's record instead, while it has room.
      if (!roomForRejectedSignal(events)) {
        log.warn('a refused signal was not recorded: the case record is full', { command: name });
        return;
      }
      const actor = Actor.safeParse((payload as { actor?: unknown } | null)?.actor);
      record(state, [
        signalRefused(
          { state, now: now() },
          name,
          decision.rejection,
          actor.success ? actor.data : undefined,
        ),
      ]);
    });
  }

  const historyLengthLimit = options.historyLengthLimit ?? DEFAULT_HISTORY_LENGTH_LIMIT;

  // Introduced after cases were already running: behind patched(), so their histories still replay. Every event
  // goes to the read model every read of the case comes from (issue 17), in a lane of its own beside the main loop:
  // a delivery that retries for minutes (a partner down) must not keep a caseworker's reads stale, and a projection
  // store that is down must not hold the case's deadlines and deliveries. A case from before reads by its queries.
  const projectsEvents = patched('projection');
  let projectedSeq = carried?.projectedSeq ?? 0;
  /**
   * The last event the lane's write in flight carries; 0 while none is in flight. A new run waits for such a write
   * rather than leave it behind (and send its events again).
   */
  let laneWritesUpTo = 0;
  /** Set once the run is to continue as new: the lane starts no write the new run would have to wait for. */
  let continuing = false;
  /**
   * The last event an effect's activity in flight writes before its effect (`projectFirst`): a change with effects
   * has its events written by its first effect's activity, one activity and one workflow task less than the lane's.
   */
  let carriedByEffect = 0;
  /** An effect's activity is running: events recorded meanwhile are the lane's, however long the effect takes. */
  let effectRunning = false;
  if (projectsEvents) void projectionLane();
  // Introduced after cases were already running: behind patched(), so their histories still replay. A change's
  // several effects go as one activity (issue 17: an activity and a workflow task less for each effect after the
  // first); a single effect keeps its own activity.
  const effectsTogether = patched('effects-together');

  for (;;) {
    await carryOutPending();
    if (state.closed) break;

    const deadline = nextDeadline(state);
    const seen = state.lastEventSeq;
    const untilDeadline = deadline ? Math.max(1, Date.parse(deadline.dueAt) - Date.now()) : undefined;
    const moved = () => state.lastEventSeq !== seen || pending.length > 0 || continueAsNewDue();
    const changed =
      untilDeadline === undefined ? (await condition(moved), true) : await condition(moved, untilDeadline);
    if (!changed && deadline) {
      // The deadline ran out with nothing moving it: the timer's command goes through the same `decide`.
      const decision = judge({ type: 'deadlineReached', kind: deadline.kind, dueAt: deadline.dueAt });
      countDeadlineFired(deadline.kind);
      if (decision.ok && decision.events.length > 0) record(state, decision.events);
    }
    if (continueAsNewDue()) {
      continuing = true;
      await condition(() => allHandlersFinished() && laneWritesUpTo === 0);
      await continueAsNew<typeof protectionCase>(application, options, {
        state,
        events,
        pendingEffects: pending,
        ...(projectsEvents ? { projectedSeq } : {}),
      });
    }
  }

  await condition(allHandlersFinished);
  // The closed case reaches the read model before its workflow completes.
  if (projectsEvents) await condition(() => projectedSeq >= state.lastEventSeq);
  // Introduced after cases were already running: behind patched(), so their histories still replay (docs/versioning.md).
  if (patched('archive-on-close')) await archiveOnClose(state);
  return state;

  /**
   * The projection lane: whatever the case recorded since the last write, in one activity, for as long as the case
   * runs. The activity gives up after a minute (a store that is down); the events it missed go with the next write.
   */
  async function projectionLane(): Promise<void> {
    for (;;) {
      // Effects about to be carried out take the events with their first activity; the lane writes the rest.
      await condition(
        () =>
          state.lastEventSeq > Math.max(projectedSeq, carriedByEffect) &&
          !continuing &&
          (pending.length === 0 || effectRunning),
      );
      const upTo = state.lastEventSeq;
      laneWritesUpTo = upTo;
      try {
        await projectEvents(
          state.dufNumber,
          events.filter((event) => event.seq > projectedSeq),
        );
        projectedSeq = upTo;
        laneWritesUpTo = 0;
      } catch (error) {
        laneWritesUpTo = 0;
        log.error('the case projection did not take its events; the next write sends them again', {
          upTo,
          error: failureMessage(error),
        });
        // Not at once: after the next change, or a minute on (so a case that changes no more is still written).
        await condition(() => state.lastEventSeq > upTo, '1 minute');
      }
    }
  }

  function continueAsNewDue(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= historyLengthLimit;
  }

  async function carryOutPending(): Promise<void> {
    // A change's several effects go as one activity (`effects-together`); otherwise one effect at a time.
    while (pending.length > 0) await carryOutFirst(effectsTogether ? pending.length : 1);
  }

  /**
   * The first `count` pending effects, in one activity: their change's events written first (`projectFirst`), unless
   * the lane is already at them; then each effect's record, in order. Effects that arrive meanwhile wait their turn.
   */
  async function carryOutFirst(count: number): Promise<void> {
    const batch = pending.slice(0, count);
    const upTo = state.lastEventSeq;
    // Beyond what is written, and beyond what the lane is writing now.
    const from = Math.max(projectedSeq, laneWritesUpTo);
    const toWrite = projectsEvents && upTo > from ? events.filter((event) => event.seq > from) : undefined;
    if (toWrite) carriedByEffect = upTo;
    effectRunning = true;
    let outcomes: EffectOutcome[];
    try {
      const [only] = batch;
      outcomes =
        batch.length === 1 && only
          ? [{ done: await carryOut(only.effect, only.seq, only.index, state, events, toWrite) }]
          : await carryOutTogether(
              batch.map(({ effect, seq, index }) => effectCall(effect, seq, index, state, events)),
              state,
              toWrite,
            );
      // Only onto what is written: were the lane's write before it still in flight (or lost), the lane goes on.
      if (toWrite && projectedSeq >= from) projectedSeq = upTo;
    } catch (error) {
      // The activity failed for good (a refused input), perhaps before its write: so did each of its effects.
      outcomes = batch.map(() => ({ failed: failureMessage(error) }));
    }
    effectRunning = false;
    // Written, or left to the lane.
    carriedByEffect = 0;
    for (const [position, { effect, seq }] of batch.entries()) {
      const outcome = outcomes[position] ?? { failed: 'no outcome reported for this effect' };
      if ('done' in outcome) {
        // The record shows what was done (rules version 2): the delivery, on the case's own event log; a notice with
        // its messages' texts, taken from the activity's result, so no step is added and older histories replay.
        const done = effectCarriedOut({ state, now: now(), events }, effect, seq, outcome.done);
        if (done) record(state, [done]);
      } else {
        log.error('a side effect failed for good', { seq, effect: effect.kind, error: outcome.failed });
        record(state, [effectFailed({ state, now: now() }, effect, seq, outcome.failed)]);
      }
    }
    pending.splice(0, batch.length);
  }
}

/** Refused by a closed case's workflow (`caseClosed` in the failure's details tells the API to use the archive). */
const CASE_CLOSED: Rejection = {
  error: 'InvalidTransition',
  message: 'the case is closed: a note joins its archived record',
  code: 'caseClosed',
  allowedCommands: ['addNote'],
  caseClosed: true,
};

/** The outcome label of a command the codec refused, in `saksflyt_commands_total`. */
const REFUSED_BY_CODEC_OUTCOME = 'RefusedByCodec';

function failureOf(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: rejection.error,
    message: rejection.message,
    nonRetryable: true,
    details: [
      rejection.error === 'ValidationError'
        ? { issues: rejection.issues }
        : {
            allowedCommands: rejection.allowedCommands,
            // What the UIs translate (issue 15); a failure carries no event into the history, so no patch.
            ...(rejection.code ? { code: rejection.code } : {}),
            ...(rejection.params ? { params: rejection.params } : {}),
            ...(rejection.heldBy ? { heldBy: rejection.heldBy } : {}),
            ...(rejection.caseClosed ? { caseClosed: true } : {}),
          },
    ],
  });
}

/** The events only work allocation records: a history that has one was made by code that sets its attributes. */
const WORK_ALLOCATION_EVENTS: ReadonlySet<string> = new Set(['CaseAssigned', 'NoteAdded']);

/**
 * Sets the case's search attributes; rules version 2 sets only those that changed since this run last set them.
 * Work allocation adds who holds the case, its team, and when it was lodged and first decided.
 */
function searchAttributePublisher(allocatesWork: boolean) {
  const published = new Map<string, string>();
  return {
    publish: (state: CaseState) => publishSearchAttributes(state, published, allocatesWork),
    allocateWork: () => {
      allocatesWork = true;
    },
  };
}

function publishSearchAttributes(
  state: CaseState,
  published: Map<string, string>,
  allocatesWork: boolean,
): void {
  const deadline = nextDeadline(state);
  const attributes = [
    { key: SEARCH_ATTRIBUTES.DufNumber, value: state.dufNumber },
    { key: SEARCH_ATTRIBUTES.CaseStatus, value: state.status },
    { key: SEARCH_ATTRIBUTES.CaseTrack, value: state.track },
    { key: SEARCH_ATTRIBUTES.HomeOblast, value: state.homeOblast },
    { key: SEARCH_ATTRIBUTES.InterviewPriority, value: state.interviewPriority },
    { key: SEARCH_ATTRIBUTES.NextDeadline, value: deadline ? new Date(deadline.dueAt) : null },
  ] as SearchAttributeUpdatePair[];
  if (allocatesWork) {
    attributes.push(
      // A state carried over from a run before work allocation has neither: unassigned, in its status's team.
      { key: SEARCH_ATTRIBUTES.AssignedTo, value: state.assignee ?? null },
      { key: SEARCH_ATTRIBUTES.Team, value: state.team ?? teamFor(state) },
      { key: SEARCH_ATTRIBUTES.LodgedAt, value: new Date(state.lodgedAt) },
      {
        key: SEARCH_ATTRIBUTES.DecidedAt,
        value: state.firstDecisionAt ? new Date(state.firstDecisionAt) : null,
      },
    );
  }
  // The first release's cases set every attribute after every event; their histories replay only that way.
  if (state.rulesVersion === 1) {
    upsertSearchAttributes(attributes);
    return;
  }
  attributes.push({ key: SEARCH_ATTRIBUTES.WorkItems, value: state.workItems });
  const changed = attributes.filter(({ key, value }) => published.get(key.name) !== JSON.stringify(value));
  if (changed.length === 0) return;
  upsertSearchAttributes(changed);
  for (const { key, value } of changed) published.set(key.name, JSON.stringify(value));
}
