// Forms generated from the domain's zod schemas: zod 4's JSON Schema of a payload becomes a list of field specs,
// the raw input values become the payload, and zod's (or the API's) issues are placed next to their fields.
import { z } from 'zod';
import { codeOfZodIssue, type RefusalCode, type RefusalParams } from './domain';
import { osloLocalToIso } from './oslo-time';
import {
  countryCode,
  countryList,
  isCountryPicker,
  isPicker,
  languageValue,
  phoneE164,
  type CountryPicker,
  type Picker,
} from './pickers';

/** The part of JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it) that the forms understand. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  /** The domain's hint for a form (`.meta({ picker })`): which picker offers this value. */
  picker?: string;
}

interface FieldBase {
  /** The property name, also the key of its label. */
  name: string;
  /** Property names from the payload's root to this field. */
  path: string[];
  required: boolean;
}

export type TextField = FieldBase & {
  kind: 'text';
  input: 'text' | 'email' | 'date' | 'datetime-local';
  maxLength?: number;
  /** A long free text (grounds, a description): a text area. */
  multiline?: boolean;
  /** Offered by a picker (countries, languages, districts, phone) rather than typed as the schema's raw value. */
  picker?: Picker;
};

/** Free texts allowed this long or longer get a text area. */
export const MULTILINE_FROM = 1000;
export type SelectField = FieldBase & { kind: 'select'; options: string[] };
/** A required boolean: a checkbox. */
export type CheckboxField = FieldBase & { kind: 'checkbox' };
/** An optional boolean: not given, yes or no. */
export type TriStateField = FieldBase & { kind: 'tristate' };
export type NumberField = FieldBase & { kind: 'number'; integer: boolean; min?: number; max?: number };
/** An array of strings, typed comma-separated. */
export type ListField = FieldBase & { kind: 'list'; maxItems?: number; picker?: CountryPicker };
export type GroupField = FieldBase & { kind: 'group'; fields: FieldSpec[] };
/** A discriminated union: choose the discriminator's value, then fill in that variant's fields. */
export type UnionField = FieldBase & {
  kind: 'union';
  discriminator: string;
  variants: { value: string; fields: FieldSpec[] }[];
};
/** `X | null`: a checkbox saying whether X is given, then X. */
export type NullableField = FieldBase & { kind: 'nullable'; inner: FieldSpec };
/** Anything else: typed as JSON. */
export type JsonField = FieldBase & { kind: 'json' };

export type FieldSpec =
  | TextField
  | SelectField
  | CheckboxField
  | TriStateField
  | NumberField
  | ListField
  | GroupField
  | UnionField
  | NullableField
  | JsonField;

/** What the inputs hold, by dotted path: strings for text inputs and selects, booleans for checkboxes. */
export type RawValues = Record<string, string | boolean>;

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');
export const fieldTestId = (path: readonly (string | number)[]): string => `field-${pathKey(path)}`;
export const fieldErrorTestId = (path: readonly (string | number)[]): string =>
  `field-error-${pathKey(path)}`;
/** The key of a union's discriminator select, e.g. `applicant.residence.kind`. */
export const discriminatorKey = (field: UnionField): string => pathKey([...field.path, field.discriminator]);

/** The JSON Schema of a zod schema's input, refinements and all (they are not representable and are skipped). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The fields of an object schema, leaving out `skip` (the `actor` the server fills in). */
export function fieldsFromSchema(schema: JsonSchema, skip: readonly string[] = ['actor']): FieldSpec[] {
  return objectFields(schema, [], skip);
}

function objectFields(schema: JsonSchema, path: string[], skip: readonly string[] = []): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, property]) => toField(name, property, [...path, name], required.has(name)));
}

function typesOf(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function stringValues(schema: JsonSchema): string[] | undefined {
  if (typeof schema.const === 'string') return [schema.const];
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) {
    return schema.enum as string[];
  }
  return undefined;
}

function toField(name: string, schema: JsonSchema, path: string[], required: boolean): FieldSpec {
  const base = { name, path, required };
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const nonNull = alternatives.filter((alternative) => !typesOf(alternative).includes('null'));
    if (nonNull.length < alternatives.length && nonNull.length === 1 && nonNull[0]) {
      return { ...base, kind: 'nullable', inner: toField(name, nonNull[0], path, true) };
    }
    const discriminator = findDiscriminator(nonNull);
    if (nonNull.length === alternatives.length && discriminator) {
      return {
        ...base,
        kind: 'union',
        discriminator,
        variants: nonNull.map((variant) => ({
          value: (variant.properties?.[discriminator]?.const as string | undefined) ?? '',
          fields: objectFields(variant, path, [discriminator]),
        })),
      };
    }
    const values = nonNull.map(stringValues);
    if (nonNull.length === alternatives.length && values.every((value) => value !== undefined)) {
      return { ...base, kind: 'select', options: values.flat() as string[] };
    }
    return { ...base, kind: 'json' };
  }
  const options = stringValues(schema);
  if (options) return { ...base, kind: 'select', options };
  const types = typesOf(schema);
  if (types.includes('object') && schema.properties) {
    return { ...base, kind: 'group', fields: objectFields(schema, path) };
  }
  if (types.includes('string')) {
    const input =
      schema.format === 'date-time'
        ? 'datetime-local'
        : schema.format === 'date'
          ? 'date'
          : schema.format === 'email'
            ? 'email'
            : 'text';
    return {
      ...base,
      kind: 'text',
      input,
      ...(isPicker(schema.picker) ? { picker: schema.picker } : {}),
      ...(schema.maxLength ? { maxLength: schema.maxLength } : {}),
      ...(input === 'text' && (schema.maxLength ?? 0) >= MULTILINE_FROM ? { multiline: true } : {}),
    };
  }
  if (types.includes('boolean')) return { ...base, kind: required ? 'checkbox' : 'tristate' };
  if (types.includes('integer') || types.includes('number')) {
    return {
      ...base,
      kind: 'number',
      integer: types.includes('integer'),
      ...(schema.minimum !== undefined ? { min: schema.minimum } : {}),
      ...(schema.maximum !== undefined ? { max: schema.maximum } : {}),
    };
  }
  if (types.includes('array') && schema.items && typesOf(schema.items).includes('string')) {
    return {
      ...base,
      kind: 'list',
      ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      ...(isCountryPicker(schema.items.picker) ? { picker: schema.items.picker } : {}),
    };
  }
  return { ...base, kind: 'json' };
}

/** The property every alternative (an object) fixes to a string constant, like `kind` of a residence. */
function findDiscriminator(alternatives: JsonSchema[]): string | undefined {
  const first = alternatives[0];
  if (!first?.properties || alternatives.length < 2) return undefined;
  return Object.keys(first.properties).find((key) =>
    alternatives.every((alternative) => typeof alternative.properties?.[key]?.const === 'string'),
  );
}

/** Every field, nested ones included, depth first. */
export function walkFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.flatMap((field) => {
    switch (field.kind) {
      case 'group':
        return [field, ...walkFields(field.fields)];
      case 'union':
        return [field, ...walkFields(field.variants.flatMap((variant) => variant.fields))];
      case 'nullable':
        return [field, ...walkFields(innerFields(field))];
      default:
        return [field];
    }
  });
}

/** The fields a nullable shows when given: a group's fields, or the inner field itself. */
export function innerFields(field: NullableField): FieldSpec[] {
  return field.inner.kind === 'group' ? field.inner.fields : [field.inner];
}

export interface DefaultOptions {
  /** Dotted paths of date-time fields that start at "now". */
  now?: readonly string[];
  /** The current Oslo wall time as a datetime-local value. */
  nowLocal?: string;
}

/** The inputs' starting values: empty, unchecked, the first variant of a required union, "now" where asked. */
export function defaultValues(fields: readonly FieldSpec[], options: DefaultOptions = {}): RawValues {
  const raw: RawValues = {};
  for (const field of walkFields(fields)) {
    const key = pathKey(field.path);
    switch (field.kind) {
      case 'checkbox':
      case 'nullable':
        raw[key] = false;
        break;
      case 'union':
        raw[discriminatorKey(field)] = field.required ? (field.variants[0]?.value ?? '') : '';
        break;
      case 'group':
        break;
      case 'text':
        raw[key] =
          field.input === 'datetime-local' && options.now?.includes(key) && options.nowLocal
            ? options.nowLocal
            : '';
        break;
      default:
        raw[key] = '';
    }
  }
  return raw;
}

/** The payload the inputs describe; empty optional inputs are left out, so zod reports missing required ones. */
export function buildValue(fields: readonly FieldSpec[], raw: RawValues): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const built = buildField(field, raw);
    if (built !== undefined) value[field.name] = built;
  }
  return value;
}

function text(raw: RawValues, key: string): string {
  const value = raw[key];
  return typeof value === 'string' ? value.trim() : '';
}

function buildField(field: FieldSpec, raw: RawValues): unknown {
  const key = pathKey(field.path);
  switch (field.kind) {
    case 'text': {
      const value = text(raw, key);
      if (value === '') return undefined;
      if (field.picker) return pickedValue(field.picker, value);
      return field.input === 'datetime-local' ? (osloLocalToIso(value) ?? value) : value;
    }
    case 'select':
      return text(raw, key) || undefined;
    case 'checkbox':
      return raw[key] === true;
    case 'tristate': {
      const value = text(raw, key);
      return value === 'true' ? true : value === 'false' ? false : undefined;
    }
    case 'number': {
      const value = text(raw, key);
      if (value === '') return undefined;
      const number = Number(value.replace(',', '.'));
      return Number.isNaN(number) ? value : number;
    }
    case 'list': {
      if (field.picker) {
        const codes = countryList(field.picker, text(raw, key));
        return codes.length === 0 && !field.required ? undefined : codes;
      }
      const items = text(raw, key)
        .split(/[,;\s]+/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return items.length === 0 && !field.required ? undefined : items;
    }
    case 'group': {
      if (!field.required && !hasInput(field.fields, raw)) return undefined;
      return buildValue(field.fields, raw);
    }
    case 'union': {
      const chosen = text(raw, discriminatorKey(field));
      const variant = field.variants.find((candidate) => candidate.value === chosen);
      if (!variant) return chosen === '' ? undefined : { [field.discriminator]: chosen };
      return { [field.discriminator]: variant.value, ...buildValue(variant.fields, raw) };
    }
    case 'nullable':
      if (raw[key] !== true) return null;
      return field.inner.kind === 'group'
        ? buildValue(field.inner.fields, raw)
        : buildField(field.inner, raw);
    case 'json': {
      const value = text(raw, key);
      if (value === '') return undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    }
  }
}

/**
 * What a picker's input is sent as: a country's code (a name that is no country goes as typed, for the schema to
 * refuse), an interpreter language's code, a phone number in E.164 (one that reads as no number goes as typed, and
 * the schema says why), a police district's name.
 */
export function pickedValue(picker: Picker, value: string): string {
  switch (picker) {
    case 'country-alpha2':
    case 'country-alpha3':
      return countryCode(picker, value) ?? value;
    case 'interpreter-language':
      return languageValue(value);
    case 'phone':
      return phoneE164(value) ?? value;
    case 'police-district':
      return value;
  }
}

/** Whether any input below these fields was filled in (an optional group with none is left out). */
function hasInput(fields: readonly FieldSpec[], raw: RawValues): boolean {
  return walkFields(fields).some((field) => {
    if (field.kind === 'group') return false;
    const value = raw[field.kind === 'union' ? discriminatorKey(field) : pathKey(field.path)];
    return value === true || (typeof value === 'string' && value.trim() !== '');
  });
}

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

export interface PlacedIssues {
  /** Messages by the dotted path of the field (or fieldset) they belong to. */
  byPath: Record<string, string[]>;
  /** Messages that belong to no field, such as a refinement of the whole payload. */
  general: string[];
}

/** The dotted paths that have a place for messages: every field, fieldset and discriminator select. */
export function placeablePaths(fields: readonly FieldSpec[]): Set<string> {
  const paths = new Set<string>();
  for (const field of walkFields(fields)) {
    paths.add(pathKey(field.path));
    if (field.kind === 'union') paths.add(discriminatorKey(field));
  }
  return paths;
}

/**
 * Puts each issue next to its field: the issue's own path, or the nearest enclosing field that is on the form
 * (`staysInSafeCountries.0` → `staysInSafeCountries`). Issues about fields the form leaves out (the actor) go
 * nowhere; the rest that fit no field are general.
 */
export function placeIssues(
  fields: readonly FieldSpec[],
  issues: readonly IssueLike[],
  ignore: readonly string[] = ['actor'],
): PlacedIssues {
  const paths = placeablePaths(fields);
  const placed: PlacedIssues = { byPath: {}, general: [] };
  for (const issue of issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol').map(String);
    if (path[0] !== undefined && ignore.includes(path[0])) continue;
    let cut = path.length;
    while (cut > 0 && !paths.has(pathKey(path.slice(0, cut)))) cut--;
    if (cut === 0) {
      if (!placed.general.includes(issue.message)) placed.general.push(issue.message);
      continue;
    }
    const key = pathKey(path.slice(0, cut));
    const messages = (placed.byPath[key] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return placed;
}

/** The actor a payload is checked with in the browser; the API replaces it with the signed-in user. */
export const UI_ACTOR = { id: 'ui', role: 'caseworker' } as const;

export type CheckResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; value: Record<string, unknown>; issues: PlacedIssues };

/** Builds the payload from the inputs and checks it with the domain's own schema, before anything is sent. */
export function checkForm(
  schema: z.ZodType,
  fields: readonly FieldSpec[],
  raw: RawValues,
  options: {
    withActor: boolean;
    requiredMessage?: string;
    /** An issue in the reader's language, from its refusal code (the schemas' own texts are English). */
    say?: (issue: { code: RefusalCode; params?: RefusalParams }) => string;
  },
): CheckResult {
  const value = buildValue(fields, raw);
  const parsed = schema.safeParse(options.withActor ? { ...value, actor: UI_ACTOR } : value);
  if (parsed.success) return { ok: true, value };
  const { say } = options;
  const issues = parsed.error.issues.map((issue) =>
    options.requiredMessage && isMissing(value, issue.path)
      ? { ...issue, message: options.requiredMessage }
      : say
        ? { ...issue, message: say(codeOfZodIssue(issue)) }
        : issue,
  );
  return { ok: false, value, issues: placeIssues(fields, issues) };
}

/** Whether an issue is about a value nobody gave (zod's "expected string, received undefined" says it less kindly). */
function isMissing(value: Record<string, unknown>, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let node: unknown = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node === undefined;
}
