// The two kinds of form the UI generates: a new case (ApplicationLodged) and each command's payload.
import {
  ApplicationLodged,
  CommandPayloads,
  FACT_TIME_FIELD,
  isCommandName,
  type CaseState,
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

/** Fields that mean something on the cases of one rules version only (the schema takes them from both). */
const FIRST_RULES_ONLY: Partial<Record<CommandName, readonly string[]>> = {
  // The first release's flag for a passport handed in; the current rules take the passport itself.
  recordDocument: ['isPassport'],
};
const CURRENT_RULES_ONLY: Partial<Record<CommandName, readonly string[]>> = {
  recordDocument: ['passport'],
  decide: ['returnCountry'],
  registerDublinCase: ['eurodacHitAt'],
  inviteToInterview: ['phoneCall'],
};

/**
 * The fields of a command's form for this case: the schema's fields, less those its rules version does not read;
 * UDI's phone call before an interview is asked for exactly where the rules require it (a private address) and
 * left out where they refuse it (a reception centre, whose staff tell the resident).
 */
export function commandFieldsFor(
  command: CommandName,
  state: Pick<CaseState, 'rulesVersion' | 'application'>,
): FieldSpec[] {
  const firstRules = state.rulesVersion === 1;
  const leftOut = new Set((firstRules ? CURRENT_RULES_ONLY : FIRST_RULES_ONLY)[command] ?? []);
  const privateAddress = state.application.applicant.residence.kind === 'private';
  return commandFields(command).flatMap((field): FieldSpec[] => {
    if (leftOut.has(field.name)) return [];
    if (command === 'inviteToInterview' && field.name === 'phoneCall' && !firstRules) {
      return privateAddress ? [{ ...field, required: true }] : [];
    }
    return [field];
  });
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
