import { ApplicationFailure } from '@temporalio/common';

/**
 * A wrong URL, secret or credential fails the same way on every attempt; retrying would only hide it behind the
 * retry policy's back-off. Non-retryable, so the failure reaches the workflow and the operator at once.
 */
export function configurationError(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, 'ConfigurationError');
}
