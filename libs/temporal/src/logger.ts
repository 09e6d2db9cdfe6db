import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Field names that hold a name, an address or contact details wherever they appear in a log object. Saksflyt logs
 * case ids, commands and actors, not case data; this is the net under that rule, for metadata a library adds.
 */
const PERSONAL_FIELDS = [
  'fullName',
  'dateOfBirth',
  'address',
  'phone',
  'email',
  'applicant',
  'contact',
  'residence',
];

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** One JSON object a line on stdout (or `destination`), with the component's name on every line. */
export function createLogger(
  component: string,
  level: LogLevelName,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      name: component,
      level,
      base: { component },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
        censor: '[redacted]',
      },
    },
    destination,
  );
}

const PINO_LEVEL: Record<LogLevel, LogLevelName> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The Temporal SDK's log lines (worker, workflows, activities) as the same JSON lines. */
export function temporalLogger(logger: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) =>
    logger[PINO_LEVEL[level]](meta ?? {}, message);
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}
