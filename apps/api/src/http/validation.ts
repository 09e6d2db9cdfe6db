import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

export interface Issue {
  path: (string | number)[];
  message: string;
}

export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    message: issue.message,
  }));
}

export function validationFailure(message: string, issues: Issue[]): BadRequestException {
  return new BadRequestException({ error: 'ValidationError', message, issues });
}

/** Every boundary parses with zod: a bad body is a 400 naming the fields, and nothing reaches Temporal. */
export function parseOr400<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw validationFailure(
    `${what}: ${issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ')}`,
    issues,
  );
}
