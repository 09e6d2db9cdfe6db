import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor, CommandName } from '@saksflyt/domain';
import { caseWorkflowId } from '@saksflyt/workflows';
import { commandContext, startProtectionCase } from '@saksflyt/workflows/client';
import { type CasePlan, type PlannedStep, payloadToSend } from './plans';
import { attributeWorkerCpu, type RoundSummary, summarize, type WorkerServing } from './summary';
import { BENCH_TASK_QUEUE, type BenchSystem, cpuOf, cpuSince } from './system';

const ACTOR: Actor = { id: 'bench', role: 'caseworker' };
/** A command sent before the case's timer has moved it on is refused; it is sent again after this long. */
const RETRY_MS = 50;
const MAX_ATTEMPTS = 600;

/** How commands reach a case: the Temporal client directly, the API over HTTP, or the floor workflow. */
export interface Transport {
  name: string;
  workflowId(plan: CasePlan): string;
  start(plan: CasePlan, index: number): Promise<void>;
  /** The commands the case allows when it refuses this one (not yet, or no longer); else the size of its reply. */
  send(plan: CasePlan, step: PlannedStep, index: number): Promise<number | { refused: string[] }>;
}

/** The commands an InvalidTransition names as allowed, or undefined for any other failure. */
function allowedAfterRefusal(error: unknown): string[] | undefined {
  if (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === 'InvalidTransition'
  ) {
    return (error.cause.details?.[0] as { allowedCommands?: string[] } | undefined)?.allowedCommands ?? [];
  }
  return undefined;
}

/**
 * Commands through the Temporal client, as the API sends them. `onAnswered` hears of each Update the case accepted the
 * moment its answer arrives, with the case's last event then (the projection lag runs from there).
 */
export function directTransport(
  client: Client,
  onAnswered?: (dufNumber: string, lastEventSeq: number) => void,
): Transport {
  return {
    name: 'client',
    workflowId: (plan) => caseWorkflowId(plan.dufNumber),
    async start(plan) {
      await startProtectionCase(client, plan.application, BENCH_TASK_QUEUE, { policyProfile: 'bench' });
    },
    async send(plan, step) {
      try {
        const state = await client.workflow
          .getHandle(caseWorkflowId(plan.dufNumber))
          // As the API sends a command: with the versions published to the policy registry (issue 16).
          .executeUpdate<{ lastEventSeq: number }, [unknown, unknown]>(step.command, {
            args: [{ ...step.payload, actor: ACTOR }, await commandContext(client)],
          });
        onAnswered?.(plan.dufNumber, state.lastEventSeq);
        return JSON.stringify(state).length;
      } catch (error) {
        const allowed = allowedAfterRefusal(error);
        if (allowed) return { refused: allowed };
        throw error;
      }
    },
  };
}

export function httpTransport(baseUrl: string, token: string): Transport {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    name: 'http',
    workflowId: (plan) => caseWorkflowId(plan.dufNumber),
    async start(plan) {
      const response = await fetch(`${baseUrl}/api/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify(plan.application),
      });
      if (response.status !== 201)
        throw new Error(`POST /api/cases: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    },
    async send(plan, step) {
      const response = await fetch(`${baseUrl}/api/cases/${plan.dufNumber}/commands/${step.command}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(step.payload),
      });
      const body = await response.text();
      if (response.status === 409)
        return { refused: (JSON.parse(body) as { allowedCommands?: string[] }).allowedCommands ?? [] };
      if (response.status !== 200) throw new Error(`${step.command}: ${response.status} ${body}`);
      return body.length;
    },
  };
}

/**
 * The floor: `floorCase` gets the same start input and the Updates the case accepted (see {@link floorPlans}), and
 * answers each with as many bytes as the case did. It runs on the worker that polls `taskQueue`: the floor's own
 * (SDK defaults) or the production worker.
 */
export function floorTransport(client: Client, caseRound: RoundResult, taskQueue: string): Transport {
  const replySizes = (index: number) => (caseRound.accepted[index] ?? []).map((step) => step.replySize);
  const id = (plan: CasePlan) => `floor-${plan.dufNumber}`;
  return {
    name: 'floor',
    workflowId: id,
    async start(plan, index) {
      await client.workflow.start('floorCase', {
        args: [plan.application, { replySizes: replySizes(index) }],
        taskQueue,
        workflowId: id(plan),
      });
    },
    async send(plan, step) {
      const reply = await client.workflow
        .getHandle(id(plan))
        .executeUpdate<string, [unknown]>(step.command, { args: [{ ...step.payload, actor: ACTOR }] });
      return JSON.stringify(reply).length;
    },
  };
}

export interface RoundResult {
  transport: string;
  cases: number;
  updates: number;
  /** Commands refused because the case's timer had not moved it on yet, and sent again. */
  refused: number;
  /** Cases that took their path's other ending: a deadline ran out before the command (the machine was slow). */
  otherEndings: number;
  wallMs: number;
  casesPerSecond: number;
  updatesPerSecond: number;
  startMs: number[];
  updateMs: number[];
  /** Per case, the commands it accepted, in order, with the size of each reply: what the floor is sent. */
  accepted: (PlannedStep & { replySize: number })[][];
}

/** The same cases, with the commands the round's cases accepted and their reply sizes: the floor's plans. */
export function floorPlans(plans: CasePlan[], result: RoundResult): CasePlan[] {
  return plans.map((plan, index) => ({
    ...plan,
    steps: (result.accepted[index] ?? []).map(({ command, payload }) => ({ command, payload })),
  }));
}

/**
 * Drives every planned case at once: start, each command in order (waiting where the path waits for a timer),
 * then until the workflow completes. The round lasts from the first start until the last case has closed.
 */
export async function runRound(
  client: Client,
  transport: Transport,
  plans: CasePlan[],
  onCaseDone: () => void = () => undefined,
): Promise<RoundResult> {
  const startMs: number[] = [];
  const updateMs: number[] = [];
  const accepted: RoundResult['accepted'] = plans.map(() => []);
  let refused = 0;
  let otherEndings = 0;
  const began = performance.now();
  await Promise.all(
    plans.map(async (plan, index) => {
      let t0 = performance.now();
      await transport.start(plan, index);
      startMs.push(performance.now() - t0);
      let steps = plan.steps;
      // What each command was sent with, for the steps that refer to it (the interview held at its time).
      const sent = new Map<CommandName, Record<string, unknown>>();
      for (let next = 0; next < steps.length; next++) {
        const planned = steps[next] as PlannedStep;
        if (planned.waitMs && transport.name !== 'floor') await sleep(planned.waitMs);
        // The floor is sent what the case accepted, as it was.
        const step =
          transport.name === 'floor'
            ? planned
            : { ...planned, payload: payloadToSend(planned, new Date(), sent) };
        for (let attempt = 1; ; attempt++) {
          t0 = performance.now();
          const outcome = await transport.send(plan, step, index);
          if (typeof outcome === 'number') {
            updateMs.push(performance.now() - t0);
            accepted[index]?.push({ ...step, replySize: outcome });
            sent.set(step.command, step.payload);
            break;
          }
          refused += 1;
          const otherWay = step.orElse?.find((other) => outcome.refused.includes(other.when));
          if (otherWay) {
            // The window for this command closed before it arrived: the case went on another way.
            steps = [...steps.slice(0, next + 1), ...otherWay.steps];
            otherEndings += 1;
            break;
          }
          if (attempt >= MAX_ATTEMPTS)
            throw new Error(
              `case ${plan.dufNumber}: ${step.command} still refused after ${attempt} attempts`,
            );
          await sleep(RETRY_MS);
        }
      }
      await client.workflow.getHandle(transport.workflowId(plan)).result();
      onCaseDone();
    }),
  );
  const wallMs = performance.now() - began;
  return {
    transport: transport.name,
    cases: plans.length,
    updates: updateMs.length,
    refused,
    otherEndings,
    wallMs,
    casesPerSecond: plans.length / (wallMs / 1000),
    updatesPerSecond: updateMs.length / (wallMs / 1000),
    startMs,
    updateMs,
    accepted,
  };
}

/**
 * A round with the CPU time each process spent on it, summarized: `worker` is the worker that served the round (the
 * floor's own when `servedBy` is `floor`), `idleWorker` the other one if it ran.
 */
export async function measuredRound(
  system: BenchSystem,
  transport: Transport,
  plans: CasePlan[],
  onCaseDone?: () => void,
  servedBy: WorkerServing = 'product',
): Promise<{ result: RoundResult; summary: RoundSummary }> {
  const before = cpuOf(system);
  const result = await runRound(system.client, transport, plans, onCaseDone);
  return {
    result,
    summary: summarize(result, attributeWorkerCpu(cpuSince(before, cpuOf(system)), servedBy)),
  };
}
