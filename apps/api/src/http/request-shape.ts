import contentType from 'content-type';
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

const isJson = (header: string) => header.split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * Whether the header parses strictly (RFC 9110). express's parser reads a malformed one as if it had no
 * parameters, so `application/json; charset="utf-8` would pass for plain JSON.
 */
function wellFormed(header: string): boolean {
  try {
    contentType.parse(header);
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers what the router would get wrong, from the OpenAPI document's paths: a method a resource does not have is a
 * 405 naming the ones it has (not a 404, the resource exists), OPTIONS lists them, and a body that is not JSON is a
 * 415 (the JSON parser would skip it, and the route would see no body at all), and a malformed Content-Type a 400.
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
    const header = request.headers['content-type'];
    if (resource.withBody.has(request.method) && hasBody(request)) {
      if (header === undefined || !isJson(header)) {
        response.status(415).json({
          error: 'UnsupportedMediaType',
          message: 'the body must be JSON, sent as Content-Type: application/json',
        });
        return;
      }
      if (!wellFormed(header)) {
        response.status(400).json({
          error: 'BadRequest',
          message: 'the Content-Type header is malformed; send Content-Type: application/json',
        });
        return;
      }
    }
    next();
  };
}
