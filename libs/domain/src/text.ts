import { z } from 'zod';
import { refusalText } from './refusals';

/**
 * What `String.prototype.trim` removes, spelled out rather than `\s`, because the pattern also goes into the OpenAPI
 * document and Python's or Rust's `\s` is not JavaScript's.
 */
const TRIMMED = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const KEPT = `[^${TRIMMED}]`;

/**
 * Free text of at most `max` characters, stored trimmed. The limits hold before trimming, so that the pattern and
 * `maxLength` a client reads in the OpenAPI document say exactly what is accepted (`trim().min(1)` said "one
 * character" of "   " and then refused it).
 */
export function text(max: number, min: 1 | 2 = 1) {
  return z
    .string()
    .max(max)
    .regex(
      min === 1 ? new RegExp(KEPT) : new RegExp(`${KEPT}[\\s\\S]*${KEPT}`),
      min === 1 ? refusalText('blank') : refusalText('tooFewLetters', { minimum: min }),
    )
    .trim();
}
