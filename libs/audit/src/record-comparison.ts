import { isDeepStrictEqual } from 'node:util';

/** A value as a record holds it: through JSON, as Temporal and the archive store it (undefined members are gone). */
const asRecorded = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

/**
 * The members where the folded state differs from what the record holds, as dotted paths ([] when none). A member
 * the record does not hold is one a later release derives (a closed case's state was written by the code of its
 * day), so it is not a difference; every member the record does hold must be what folding the events gives.
 */
export function differencesFromRecord(recorded: unknown, folded: unknown, path = ''): string[] {
  const held = asRecorded(recorded);
  const derived = asRecorded(folded);
  if (isPlainObject(held) && isPlainObject(derived)) {
    return Object.keys(held).flatMap((key) =>
      differencesFromRecord(held[key], derived[key], path ? `${path}.${key}` : key),
    );
  }
  return isDeepStrictEqual(held, derived) ? [] : [path || '(the whole state)'];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
