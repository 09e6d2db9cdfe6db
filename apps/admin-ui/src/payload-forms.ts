// The two kinds of form the UI generates: a new case (ApplicationLodged) and each command's payload.
import {
  ApplicationLodged,
  CommandPayloads,
  FACT_TIME_FIELD,
  isCommandName,
  type CommandName,
} from './domain';
import { fieldsFromSchema, jsonSchemaOf, type FieldSpec } from './schema-form';

const cache = new Map<string, FieldSpec[]>();

function cached(key: string, make: () => FieldSpec[]): FieldSpec[] {
  let fields = cache.get(key);
  if (!fields) {
    fields = make();
    cache.set(key, fields);
  }
  return fields;
}

/** The fields of the new-case form. */
export function applicationFields(): FieldSpec[] {
  return cached('ApplicationLodged', () => fieldsFromSchema(jsonSchemaOf(ApplicationLodged), []));
}

/** The date-time fields of the new-case form that start at "now". */
export const APPLICATION_NOW_FIELDS: readonly string[] = ['lodgedAt'];

/** The fields of a command's form, without the `actor` the API fills in. */
export function commandFields(command: CommandName): FieldSpec[] {
  return cached(`command:${command}`, () =>
    fieldsFromSchema(jsonSchemaOf(CommandPayloads[command]), ['actor']),
  );
}

/** The fact-time field of a command (when it happened) starts at "now"; other times start empty. */
export function commandNowFields(command: CommandName): readonly string[] {
  const field = FACT_TIME_FIELD[command];
  return field ? [field] : [];
}

/** The commands of `allowedCommands` this UI knows, in the order the server gave them. */
export function knownCommands(allowed: readonly string[]): CommandName[] {
  return allowed.filter(isCommandName);
}
