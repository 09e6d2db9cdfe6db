import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { ApplicationLodged, CaseEvent, CaseEventType, CaseState, CommandName } from '@saksflyt/domain';
import { caseWorkflowId, commandUpdates, eventsQuery } from '@saksflyt/workflows';
import { commandContext, startProtectionCase } from '@saksflyt/workflows/client';
import { auditHistory } from './history-audit';
import { CHAOS_ACTOR, type CasePath, type CommandStep, type SentPayloads } from './case-paths';

export interface AcceptedCommand {
  updateId: string;
  command: CommandName;
}

/** One case of the run: its path, and what the driver saw happen to it. */
export interface CaseRun {
  application: ApplicationLodged;
  path: CasePath;
  workflowId: string;
  firstRunId?: string;
  accepted: AcceptedCommand[];
  /** What each command was first sent with, for the steps that refer to it. */
  sent: SentPayloads;
  /** Calls that failed for a reason other than the domain's (server or worker away) and were sent again. */
  retriedCalls: number;
  /** When each step was done, in ms since the case started: where a slow case spent its time. */
  steps: { step: string; atMs: number }[];
  finalState?: CaseState;
}

/** A command the case refused for a domain reason: on these paths that means the case is not where it should be. */
export class CommandRefused extends Error {
  constructor(
    message: string,
    /** The refusal named only a time the command gave (a field ending in `At`): the one a driver may enter again. */
    readonly refusedADate = false,
  ) {
    super(message);
  }
}

function refusedForADate(failure: ApplicationFailure): boolean {
  if (failure.type !== 'ValidationError') return false;
  const [details] = failure.details ?? [];
  const issues = (details as { issues?: { path: unknown[] }[] } | undefined)?.issues ?? [];
  return issues.length > 0 && issues.every(({ path }) => /At$/.test(String(path.at(-1) ?? '')));
}

export interface DriverOptions {
  taskQueue: string;
  /** How long one case may take, start to close, before the run gives up on it. */
  caseTimeoutMs: number;
  /**
   * Where the driver watches for a case's events, as the admin UI does (issue 17): the projection, which costs the
   * worker nothing. Without one it asks the case's `events` query, a replay of its whole history on the worker.
   */
  projection?: { record(dufNumber: string): Promise<{ events: CaseEvent[] } | undefined> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives cases through their paths as a caseworker's client would, while servers and workers come and go: every
 * call is repeated until it gets an answer, and each command carries an update id of its own, the same on every
 * repetition, so that Temporal applies it once however often it arrives.
 */
export class CaseDriver {
  private windowsOpen = 0;
  private windowsHeld?: Promise<void>;

  constructor(
    private readonly client: Client,
    private readonly options: DriverOptions,
  ) {}

  /**
   * Keeps new deadline windows from opening and resolves once the open ones have closed; call the returned
   * function to let them open again. On the accelerated clock an appeal period is 21 seconds, so an outage of ten
   * (a killed worker's tasks time out) in one would stand for two weeks of downtime within three: a different
   * test from crash safety, and a race the path would lose by chance.
   */
  async holdDeadlineWindows(): Promise<() => void> {
    let release: () => void = () => undefined;
    this.windowsHeld = new Promise<void>((resolve) => (release = resolve));
    while (this.windowsOpen > 0) await sleep(100);
    return () => {
      this.windowsHeld = undefined;
      release();
    };
  }

  async drive(run: CaseRun): Promise<void> {
    // A case that fails inside a window must not hold it open: the disruptions wait for every open one to close.
    let windowOpen = false;
    const openWindow = async () => {
      while (this.windowsHeld) await this.windowsHeld;
      this.windowsOpen += 1;
      windowOpen = true;
    };
    const closeWindow = () => {
      if (windowOpen) this.windowsOpen -= 1;
      windowOpen = false;
    };
    try {
      await this.driveSteps(run, openWindow, closeWindow);
    } finally {
      closeWindow();
    }
  }

  private async driveSteps(
    run: CaseRun,
    openWindow: () => Promise<void>,
    closeWindow: () => void,
  ): Promise<void> {
    const startedAt = Date.now();
    const giveUpAt = startedAt + this.options.caseTimeoutMs;
    const done = (step: string) => run.steps.push({ step, atMs: Date.now() - startedAt });
    run.firstRunId = await this.persist(run, giveUpAt, 'start', () => this.start(run));
    done('start');
    for (const [index, step] of run.path.steps.entries()) {
      if ('awaitEvent' in step) {
        await this.awaitEvent(run, step.awaitEvent, giveUpAt);
        done(step.awaitEvent);
        continue;
      }
      if ('awaitTime' in step) {
        const until = Date.parse(step.until(run.sent));
        if (until > giveUpAt) throw new Error(`${run.workflowId}: ${step.awaitTime} comes too late`);
        await sleep(Math.max(0, until - Date.now()));
        done(step.awaitTime);
        continue;
      }
      if (step.deadlineWindow === 'opens' || step.deadlineWindow === 'holds') await openWindow();
      try {
        await this.sendDatedByTheRecord(run, step, `${run.workflowId}/${index}/${step.command}`, giveUpAt);
      } finally {
        if (step.deadlineWindow === 'closes' || step.deadlineWindow === 'holds') closeWindow();
      }
      done(step.command);
    }
    const handle = this.client.workflow.getHandle(run.workflowId);
    run.finalState = await this.persist(run, giveUpAt, 'the result', () => handle.result());
    done('closed');
  }

  private async start(run: CaseRun): Promise<string> {
    try {
      const handle = await startProtectionCase(this.client, run.application, this.options.taskQueue, {
        policyProfile: 'accelerated',
      });
      return handle.firstExecutionRunId;
    } catch (error) {
      // An earlier attempt started it and only its answer was lost.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) || run.firstRunId) throw error;
      const description = await this.client.workflow.getHandle(run.workflowId).describe();
      return description.runId;
    }
  }

  /**
   * The driver dates a fact by its own clock once it has seen what the fact follows. After a kill, what it saw may
   * have been a workflow task the server never took, and the event stands again later, dated by the task that did
   * go in (a Dublin acceptance by silence, found by a query, was once dated after the service that followed it). A
   * caseworker told "served after it is made" enters the date again; so does the driver, once, under a new update id.
   */
  private async sendDatedByTheRecord(
    run: CaseRun,
    step: CommandStep,
    updateId: string,
    giveUpAt: number,
  ): Promise<void> {
    try {
      await this.send(run, step, updateId, giveUpAt);
    } catch (error) {
      if (!(error instanceof CommandRefused) || !error.refusedADate) throw error;
      await sleep(1_000);
      await this.send(run, step, `${updateId}/dated-again`, giveUpAt);
    }
  }

  private async send(run: CaseRun, step: CommandStep, updateId: string, giveUpAt: number): Promise<void> {
    const made = step.payload(new Date(), run.sent);
    (run.sent as Record<string, unknown>)[step.command] = made;
    const payload = { ...made, actor: CHAOS_ACTOR };
    const handle = this.client.workflow.getHandle(run.workflowId);
    await this.persist(run, giveUpAt, `${step.command} (${updateId})`, async () => {
      try {
        await handle.executeUpdate<unknown, [unknown, unknown]>(commandUpdates[step.command].name, {
          args: [payload, await commandContext(this.client)],
          updateId,
        });
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
          throw new CommandRefused(
            `${run.workflowId} (${run.path.name}): ${step.command} refused: ${error.cause.type}: ${error.cause.message}`,
            refusedForADate(error.cause),
          );
        }
        // The last command closes the case; if its answer was lost, the closed case no longer takes updates, and
        // its history is what says whether the command got in.
        if (error instanceof WorkflowNotFoundError && run.firstRunId) {
          const audit = await auditHistory(this.client, run.workflowId, run.firstRunId);
          const outcome = audit.completed.get(updateId);
          if (outcome && !outcome.failed) return;
        }
        throw error;
      }
    });
    run.accepted.push({ updateId, command: step.command });
  }

  private async awaitEvent(run: CaseRun, type: CaseEventType, giveUpAt: number): Promise<void> {
    const handle = this.client.workflow.getHandle(run.workflowId);
    for (;;) {
      const { projection } = this.options;
      const events = projection
        ? await this.persist(
            run,
            giveUpAt,
            'the projection',
            async () => (await projection.record(run.application.dufNumber))?.events ?? [],
          )
        : await this.persist(run, giveUpAt, `the events query`, () => handle.query(eventsQuery));
      if (events.some((event) => event.type === type)) return;
      if (Date.now() > giveUpAt) throw new Error(`${run.workflowId}: no ${type} in time`);
      // Deadlines here are tens of seconds; polling gently keeps the worker (or the store) free for the cases' work.
      await sleep(projection ? 1_000 : 3_000);
    }
  }

  /** Repeats a call until it answers; a domain refusal or the case's time running out ends it. */
  private async persist<T>(run: CaseRun, giveUpAt: number, what: string, call: () => Promise<T>): Promise<T> {
    for (let pause = 250; ; pause = Math.min(pause * 2, 4_000)) {
      try {
        return await call();
      } catch (error) {
        if (error instanceof CommandRefused) throw error;
        if (Date.now() > giveUpAt) {
          throw new Error(`${run.workflowId} (${run.path.name}): ${what} got no answer in time`, {
            cause: error,
          });
        }
        run.retriedCalls += 1;
        await sleep(pause);
      }
    }
  }
}

export function caseRun(application: ApplicationLodged, path: CasePath): CaseRun {
  return {
    application,
    path,
    workflowId: caseWorkflowId(application.dufNumber),
    accepted: [],
    sent: {},
    retriedCalls: 0,
    steps: [],
  };
}
