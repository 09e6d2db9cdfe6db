import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseEvent } from '@saksflyt/domain';

/** Where the workflow's events go to be read without it: the case projection (`CaseProjection` in @saksflyt/audit). */
export interface ProjectionWriter {
  append(dufNumber: string, events: readonly CaseEvent[]): Promise<{ lastEventSeq: number; added: number }>;
}

export interface ProjectCaseInput {
  dufNumber: string;
  /** The events the projection has not had from this workflow yet, oldest first. */
  events: CaseEvent[];
}

export interface ProjectCaseResult {
  /** How far the case's fold in the projection reaches; 0 when no projection is configured. */
  lastEventSeq: number;
  projected: boolean;
}

/**
 * Writes a case's new events to the projection (issue 17). Idempotent by (case, seq): a retry, or a rebuild that got
 * there first, changes nothing. With no projection configured it does nothing, and the API reads the workflow.
 */
export function projectCaseActivity(writer: ProjectionWriter | undefined) {
  return async function projectCase(input: ProjectCaseInput): Promise<ProjectCaseResult> {
    return project(writer, input, 'projectCase');
  };
}

/** What an effect's activity input may carry besides its own: its change's events, for the projection first. */
export interface WithProjection {
  projectFirst?: ProjectCaseInput;
}

/**
 * An effect's activity that writes its change's events to the projection before it carries the effect out (issue
 * 17): one activity where there were two, so a change with effects costs an activity and a workflow task less. The
 * write is idempotent, so a retried delivery writes again harmlessly; the effect's own input goes on without it.
 */
export function projectingFirst<Input extends object, Result>(
  writer: ProjectionWriter | undefined,
  activity: (input: Input) => Promise<Result>,
): (input: Input & WithProjection) => Promise<Result> {
  return async (input) => {
    if (!input || typeof input !== 'object' || !('projectFirst' in input)) return activity(input);
    const { projectFirst, ...own } = input;
    if (projectFirst) await project(writer, projectFirst, 'projectFirst');
    return activity(own as Input);
  };
}

/**
 * The write itself. `saksflyt_projection_lag` measures each new event from when the workflow recorded it to when it
 * could be read.
 */
async function project(
  writer: ProjectionWriter | undefined,
  input: ProjectCaseInput,
  activity: string,
): Promise<ProjectCaseResult> {
  if (typeof input?.dufNumber !== 'string' || !Array.isArray(input.events))
    throw ApplicationFailure.nonRetryable(
      `${activity}: a DUF number and events are required`,
      'ValidationError',
    );
  if (!writer) return { lastEventSeq: 0, projected: false };
  const written = await writer.append(input.dufNumber, input.events);
  if (written.added > 0) {
    const lag = Context.current().metricMeter.createHistogram(
      'saksflyt_projection_lag',
      'int',
      'ms',
      'From an event being recorded by its workflow to its being readable in the projection',
    );
    const now = Date.now();
    for (const event of input.events) lag.record(Math.max(0, now - Date.parse(event.at)));
  }
  return { lastEventSeq: written.lastEventSeq, projected: true };
}
