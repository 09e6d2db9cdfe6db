import { metricMeter } from '@temporalio/workflow';

// Emitted through the worker's Prometheus exporter (SAKSFLYT_WORKER_METRICS_PORT). The SDK drops them while
// replaying, so a command or deadline counts once however often its history is replayed.

/** `accepted`, or the rejection's error (`InvalidTransition`, `ValidationError`, …). */
export function countCommand(command: string, outcome: string): void {
  metricMeter
    .createCounter('saksflyt_commands', 'commands', 'Commands to cases, by command and outcome')
    .add(1, { command, outcome });
}

export function countDeadlineFired(kind: string): void {
  metricMeter
    .createCounter(
      'saksflyt_deadlines_fired',
      'deadlines',
      'Deadlines that ran out and went through decide, by kind',
    )
    .add(1, { kind });
}
