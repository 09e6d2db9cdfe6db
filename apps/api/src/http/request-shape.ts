import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { OpenApiPaths as Paths } from '../docs/openapi.document';

interface Resource {
  pattern: RegExp;
  /** Upper-case methods as the document lists them, HEAD beside GET (express answers it from the GET route). */
  allow: string[];
  withBody: Set<string>;
}

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

function resourcesOf(paths: Paths): Resource[] {
  return Object.entries(paths).map(([template, operations]) => {
    const methods = Object.keys(operations).map((method) => method.toUpperCase());
    const source = template
      .split(/\{[^}]+\}/)
      .map(escape)
      .join('[^/]+');
    return {
      // As express routes: case-insensitive, a trailing slash allowed.
      pattern: new RegExp(`^${source}/?$`, 'i'),
      allow: methods.includes('GET') ? [...methods, 'HEAD'] : methods,
      withBody: new Set(
        Object.entries(operations)
          .filter(([, operation]) => operation.requestBody !== undefined)
          .map(([method]) => method.toUpperCase()),
      ),
    };
  });
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const isJson = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * Answers what the router would get wrong, from the OpenAPI document's paths: a method a resource does not have is a
 * 405 naming the ones it has (not a 404, the resource exists), OPTIONS lists them, and a body that is not JSON is a
 * 415 (the JSON parser would skip it, and the route would see no body at all).
 */
export function requestShape(paths: Paths): RequestHandler {
  const resources = resourcesOf(paths);
  return (request: Request, response: Response, next: NextFunction) => {
    const resource = resources.find(({ pattern }) => pattern.test(request.path));
    if (!resource) return next();
    const allow = resource.allow.join(', ');
    if (request.method === 'OPTIONS') {
      response.setHeader('Allow', allow);
      response.status(204).end();
      return;
    }
    if (!resource.allow.includes(request.method)) {
      response.setHeader('Allow', allow);
      response.status(405).json({
        error: 'MethodNotAllowed',
        message: `${request.method} is not a method of ${request.path}; it has ${allow}`,
      });
      return;
    }
    if (
      resource.withBody.has(request.method) &&
      hasBody(request) &&
      !isJson(request.headers['content-type'])
    ) {
      response.status(415).json({
        error: 'UnsupportedMediaType',
        message: 'the body must be JSON, sent as Content-Type: application/json',
      });
      return;
    }
    next();
  };
}
