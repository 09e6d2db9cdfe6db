// Message definitions shared by the workflow and every client (API, CLI, tests).
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  COMMAND_NAMES,
  SIGNAL_COMMANDS,
  type CaseEvent,
  type CaseState,
  type CommandName,
  type CommandPayload,
} from '@saksflyt/domain';

export const PROTECTION_CASE_WORKFLOW = 'protectionCase';

/** The workflow id of a case (contract §1): one case per DUF number. */
export function caseWorkflowId(dufNumber: string): string {
  return `case-${dufNumber}`;
}

/** The DUF number of a case's workflow id: `caseWorkflowId` read backwards. */
export function dufNumberOf(workflowId: string): string {
  return workflowId.replace(/^case-/, '');
}

export const stateQuery = defineQuery<CaseState>('state');
export const eventsQuery = defineQuery<CaseEvent[]>('events');

/**
 * What a client sends beside a command (issue 16): the versions published to the policy registry, read as the command
 * is sent (`commandContext` in client.ts). The case judges the command by them and keeps them for what follows; the
 * Update's input records them, so a replay judges alike. A command without it is judged by the versions the case
 * last had.
 */
export interface CommandContext {
  publishedPolicy?: import('@saksflyt/domain').PolicyDraft[];
}

/** Every command is an Update of its own name; an accepted one returns the new state. */
export const commandUpdates = Object.fromEntries(
  COMMAND_NAMES.map((name) => [
    name,
    defineUpdate<CaseState, [CommandPayload<typeof name>, CommandContext?]>(name),
  ]),
) as { [Name in CommandName]: UpdateDefinition<CaseState, [CommandPayload<Name>, CommandContext?], Name> };

export type SignalCommand = (typeof SIGNAL_COMMANDS)[number];

/** The commands of outside systems also come as Signals of the same name. */
export const commandSignals = Object.fromEntries(
  SIGNAL_COMMANDS.map((name) => [name, defineSignal<[CommandPayload<typeof name>]>(name)]),
) as { [Name in SignalCommand]: SignalDefinition<[CommandPayload<Name>], Name> };

/**
 * Sets every search attribute of a case opened before work allocation (`saksflyt cases reindex`), so that it shows
 * in the team queues. It carries nothing and changes nothing on the case: the attributes follow from its state.
 */
export const publishSearchAttributesSignal = defineSignal('publishSearchAttributes');

/** Options a starter may pass beside the application; carried across continue-as-new. */
export interface ProtectionCaseOptions {
  /** The policy profile the case runs under (default `standard`). */
  policyProfile?: import('@saksflyt/domain').PolicyProfile;
  /** Continue as new once the Temporal history is this long (Temporal may suggest it earlier). */
  historyLengthLimit?: number;
  /**
   * The versions published to the policy registry when the case was started (issue 16), read by the starter
   * (`startProtectionCase`), so the case is screened by the lists in force without a read before its first answer.
   */
  publishedPolicy?: import('@saksflyt/domain').PolicyDraft[];
}

/** What a new run of the same case starts from after continue-as-new. */
export interface CaseContinuation {
  state: CaseState;
  events: CaseEvent[];
  /** Effects decided in an earlier run whose activities had not run yet. */
  pendingEffects: PendingEffect[];
  /** The last event the projection was known to have (issue 17); the new run writes what follows. */
  projectedSeq?: number;
}

export interface PendingEffect {
  seq: number;
  index: number;
  effect: import('@saksflyt/domain').Effect;
}
