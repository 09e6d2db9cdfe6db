import { Context } from '@temporalio/activity';

/** Well inside the workflow's heartbeat timeout, which the SDK's throttling (80% of it) also respects. */
const HEARTBEAT_EVERY_MS = 2_000;

function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    // Called directly (a test, a script): there is no Temporal to tell.
    return undefined;
  }
}

/**
 * Heartbeats while the activity runs. A worker that dies mid-delivery then shows within the workflow's heartbeat
 * timeout, and Temporal retries the delivery on another worker in seconds, instead of after the whole
 * start-to-close timeout (minutes for the archive); the idempotency key keeps the retry from sending twice.
 */
export function keptAlive<Args extends unknown[], Result>(
  activity: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  const kept = async (...args: Args): Promise<Result> => {
    const context = activityContext();
    if (!context) return activity(...args);
    context.heartbeat();
    const beat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
    try {
      return await activity(...args);
    } finally {
      clearInterval(beat);
    }
  };
  return kept;
}
