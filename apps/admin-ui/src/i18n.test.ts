import { describe, expect, it } from '@jest/globals';
import {
  ApplicationLodged,
  CaseEvent,
  CaseState,
  CaseStatus,
  CaseTrack,
  COMMAND_NAMES,
  CommandPayloads,
  UKRAINIAN_REGIONS,
} from './domain';
import { z } from 'zod';
import { fieldLabel, LANGS, MESSAGES, valueLabel } from './i18n';
import type { JsonSchema } from './schema-form';

/** Every property name and string enum value in a JSON schema. */
function collect(schema: unknown, keys: Set<string>, values: Set<string>): void {
  if (Array.isArray(schema)) return schema.forEach((item) => collect(item, keys, values));
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as JsonSchema;
  for (const key of Object.keys(node.properties ?? {})) keys.add(key);
  for (const value of node.enum ?? []) if (typeof value === 'string') values.add(value);
  if (typeof node.const === 'string') values.add(node.const);
  for (const child of Object.values(schema)) collect(child, keys, values);
}

const keys = new Set<string>();
const values = new Set<string>();
for (const schema of [ApplicationLodged, CaseState, CaseEvent, ...Object.values(CommandPayloads)]) {
  collect(z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }), keys, values);
}
const eventTypes = CaseEvent.options.map((option) => option.shape.type.value);
const oblasts = new Set<string>(UKRAINIAN_REGIONS);

/** The shape of a dictionary: its keys at every depth, functions as leaves. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => shape(child, prefix ? `${prefix}.${key}` : key));
}

describe.each(LANGS)('the %s dictionary', (lang) => {
  const t = MESSAGES[lang];

  it('labels every field of the domain schemas', () => {
    const missing = [...keys].filter((key) => !Object.hasOwn(t.field, key));
    expect(missing).toEqual([]);
  });

  it('names every enum value, status, track, event type and command (oblasts keep their names)', () => {
    const named = (value: string) =>
      [t.value, t.status, t.track, t.role, t.command, t.event].some((dictionary) =>
        Object.hasOwn(dictionary, value),
      );
    const missing = [...values].filter((value) => !oblasts.has(value) && !named(value));
    expect(missing).toEqual([]);
    for (const status of CaseStatus.options) expect(t.status[status]).toBeTruthy();
    for (const track of CaseTrack.options) expect(t.track[track]).toBeTruthy();
    for (const type of eventTypes) expect(t.event[type]).toBeTruthy();
    for (const command of COMMAND_NAMES) expect(t.command[command]).toBeTruthy();
  });

  it('has no empty texts', () => {
    const empty = shape(t).filter((path) => {
      const leaf = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], t);
      return typeof leaf === 'string' && leaf.trim() === '';
    });
    expect(empty).toEqual([]);
  });
});

it('has the same keys in both languages', () => {
  expect(shape(MESSAGES.en).sort()).toEqual(shape(MESSAGES.nb).sort());
});

it('falls back to the raw name for what a newer API might send', () => {
  expect(fieldLabel(MESSAGES.nb, 'somethingNew')).toBe('somethingNew');
  expect(valueLabel(MESSAGES.nb, 'Kharkiv')).toBe('Kharkiv');
  expect(valueLabel(MESSAGES.nb, 'rejected')).toBe('Avslått');
  expect(valueLabel(MESSAGES.en, 'take-charge')).toBe('Take charge');
});

it('translates statuses differently in the two languages where the words differ', () => {
  expect(MESSAGES.nb.status.rejected).toBe('Avslått');
  expect(MESSAGES.en.status.rejected).toBe('Rejected');
});
