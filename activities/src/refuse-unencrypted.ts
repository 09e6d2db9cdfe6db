import { ApplicationFailure } from '@temporalio/common';
import { refusedByCodec } from '@saksflyt/temporal/refused-payload';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any activity's own parameters
type Activity = (...args: any[]) => Promise<unknown>;

/**
 * An activity input that arrived unencrypted reaches the worker as the codec's marker (SAKSFLYT_CODEC_PLAINTEXT=
 * refuse): only something that completes workflow tasks in the workers' place could have scheduled it. The activity
 * does not run; the failure is the ValidationError it is, non-retryable, naming the cause.
 */
export function refusingUnencryptedInput<Activities extends Record<string, Activity>>(
  activities: Activities,
): Activities {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      async (...args: unknown[]) => {
        const why = args.map(refusedByCodec).find((reason) => reason !== undefined);
        if (why !== undefined) throw ApplicationFailure.nonRetryable(`${name}: ${why}`, 'ValidationError');
        return activity(...args);
      },
    ]),
  ) as Activities;
}
