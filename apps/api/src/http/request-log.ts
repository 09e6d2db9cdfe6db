import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/access';

/**
 * One JSON line per request once it is answered: the route pattern, the case, the command and who sent it. Never
 * the body, the query or the path beyond those: they may hold a name or contact details.
 */
export function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      const params = request.params as Record<string, string | undefined>;
      const user = (request as Partial<AuthenticatedRequest>).user;
      logger.info(
        {
          method: request.method,
          route: route ? `${request.baseUrl}${route}` : 'unmatched',
          status: response.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1_000n) / 1000,
          ...(params.dufNumber ? { caseId: `case-${params.dufNumber}` } : {}),
          ...(params.command ? { command: params.command } : {}),
          ...(user ? { actor: user.username, role: user.role } : {}),
        },
        'request',
      );
    });
    next();
  };
}
