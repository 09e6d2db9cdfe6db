import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';
import { type Issue, validationRejection } from '@saksflyt/domain';

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
  const { message, issues } = validationRejection(what, parsed.error.issues);
  throw validationFailure(message, issues);
}
