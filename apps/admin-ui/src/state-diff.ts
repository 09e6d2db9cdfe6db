// What changed between two states of a case: every field path whose value differs, for the audit view's diff.
// Pure, so it is tested on its own; the states come from the domain's `fold`.

export type Change = 'added' | 'removed' | 'changed';

/** One changed field: its dotted path and the values before and after (undefined where the field is absent). */
export interface DiffRow {
  path: string;
  change: Change;
  before: unknown;
  after: unknown;
}

type PlainObject = Record<string, unknown>;

const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with the keys of every object sorted, so two equal values give the same text whatever their key order. */
export function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, item: unknown) =>
    isPlainObject(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, item[key]]),
        )
      : item,
  );
}

/** Whether two values are equal as JSON values (arrays compared whole, objects regardless of key order). */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * The fields that differ between `before` and `after`. Objects present on both sides are compared field by field
 * (the path grows: `decision.grounds`); everything else, arrays included, is compared as a JSON value. A field
 * present on one side only is `added` or `removed`, with its whole value; a field set to undefined counts as
 * absent, as in JSON. A missing state (null: before the first event) counts as an empty object. Rows keep the
 * order of the fields in `before`, then the fields only `after` has.
 */
export function diffStates(before: unknown, after: unknown): DiffRow[] {
  const rows: DiffRow[] = [];
  walk(before ?? {}, after ?? {}, [], rows);
  return rows;
}

function walk(before: unknown, after: unknown, path: string[], rows: DiffRow[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(before[key], after[key], [...path, key], rows);
    return;
  }
  if (before === undefined && after === undefined) return;
  const change: Change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  if (change === 'changed' && sameJson(before, after)) return;
  rows.push({ path: path.join('.'), change, before, after });
}
