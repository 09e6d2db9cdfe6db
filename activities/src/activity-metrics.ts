import type { Context } from '@temporalio/activity';
import type { ActivityInboundCallsInterceptor, ActivityInterceptors } from '@temporalio/worker';

/**
 * Counts every activity attempt by type and outcome, through the worker's Prometheus exporter: a rising `failed`
 * for one activity is a partner or the mail server in trouble, before any case shows an `EffectFailed`.
 */
export function activityMetrics(context: Context): ActivityInterceptors {
  const inbound: ActivityInboundCallsInterceptor = {
    async execute(input, next) {
      const attempts = context.metricMeter.createCounter(
        'saksflyt_activities',
        'attempts',
        'Activity attempts by activity and outcome',
      );
      const activity = context.info.activityType;
      try {
        const result = await next(input);
        attempts.add(1, { activity, outcome: 'completed' });
        return result;
      } catch (error) {
        attempts.add(1, { activity, outcome: 'failed' });
        throw error;
      }
    },
  };
  return { inbound };
}
