import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ArchiveRecordError, CaseUnansweredError } from '@saksflyt/audit';
import { PlaintextPayloadError } from '@saksflyt/temporal';

/** Every error answers in one JSON shape, `{ error, message, … }`; an unexpected one is a 500 that reveals nothing. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      // Ours carry `error` and `message`; Nest's own (`{ statusCode, error: "Bad Request", message }`) get our shape.
      const ours = typeof body === 'object' && body !== null && 'error' in body && !('statusCode' in body);
      response.status(status).json(ours ? body : { error: errorName(status), message: exception.message });
      return;
    }
    // express's body parser reports malformed JSON and oversized bodies with a status of its own.
    const status = (exception as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response.status(status).json({ error: errorName(status), message: (exception as Error).message });
      return;
    }
    const plaintext = plaintextCause(exception);
    if (plaintext) {
      // Temporal answered with a payload nobody holding the key ring wrote: nothing of it is used or shown.
      this.logger.warn(`refused an unencrypted payload from Temporal: ${plaintext.message}`);
      response.status(502).json({
        error: 'UnencryptedPayload',
        message: `Temporal's answer was refused: ${plaintext.message}`,
      });
      return;
    }
    if (exception instanceof CaseUnansweredError) {
      this.logger.warn(exception.message);
      response
        .status(503)
        .setHeader('Retry-After', '5')
        .json({ error: 'ServiceUnavailable', message: 'the case did not answer in time; try again shortly' });
      return;
    }
    if (exception instanceof ArchiveRecordError) {
      // A record that fails its check is never served; the message names the record (not what it holds).
      this.logger.error(exception.message);
      response.status(500).json({ error: 'ArchiveRecordFailedCheck', message: exception.message });
      return;
    }
    // The SDK wraps what Temporal said (a gRPC status and its details) as the cause of a generic message.
    const cause = exception instanceof Error ? exception.cause : undefined;
    this.logger.error(
      (exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)) +
        (cause === undefined ? '' : `\ncaused by: ${cause instanceof Error ? cause.message : String(cause)}`),
    );
    response
      .status(500)
      .json({ error: 'InternalError', message: 'something went wrong; the error is logged' });
  }
}

/** The SDK may wrap what the codec threw: look along the causes. */
function plaintextCause(exception: unknown): PlaintextPayloadError | undefined {
  for (let cause = exception, depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (cause instanceof PlaintextPayloadError) return cause;
    cause = cause.cause;
  }
  return undefined;
}

function errorName(status: number): string {
  return (
    {
      400: 'BadRequest',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'NotFound',
      405: 'MethodNotAllowed',
      409: 'Conflict',
      413: 'PayloadTooLarge',
      415: 'UnsupportedMediaType',
      429: 'TooManyRequests',
      503: 'ServiceUnavailable',
    }[status] ?? 'Error'
  );
}
