import { z } from 'zod';
import { Actor } from './actor';
import { Contact, CountryAlpha2, IsoDate, IsoDateTime, Residence } from './application-lodged';
import type { DeadlineKind } from './case-state';
import { Oblast } from './oblasts';
import { text } from './text';

const reason = text(4000);
const withActor = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ actor: Actor, ...shape }).strict();

/** Each command's payload (contract §1): an Update of that exact name, with the actor filled in by the API. */
export const CommandPayloads = {
  registerWithPolice: withActor({
    registeredAt: IsoDateTime,
    policeDistrict: text(200),
    passport: z
      .object({
        kind: z.enum(['international', 'internal', 'none']),
        number: text(50).optional(),
        expiresOn: IsoDate.optional(),
        surrendered: z.boolean(),
      })
      .strict()
      .refine((passport) => passport.kind !== 'none' || !passport.surrendered, {
        message: 'no passport cannot be surrendered',
        path: ['surrendered'],
      })
      // The refinement as JSON Schema says it, for the OpenAPI document (a refinement itself is not representable).
      .meta({
        if: { properties: { kind: { const: 'none' } }, required: ['kind'] },
        then: { properties: { surrendered: { const: false } } },
      }),
    eurodacHit: z.object({ country: CountryAlpha2 }).strict().nullable(),
  }),
  assessCollectiveProtection: withActor({ eligible: z.boolean(), reason }),
  registerDublinCase: withActor({
    responsibleState: CountryAlpha2,
    procedure: z.enum(['take-charge', 'take-back']),
    eurodacHit: z.boolean(),
    familyInResponsibleState: z.boolean().optional(),
    previouslyProcessedThere: z.boolean().optional(),
  }),
  recordDublinReply: withActor({ accepted: z.boolean(), repliedAt: IsoDateTime }),
  extendDublinTransferDeadline: withActor({ reason: z.enum(['imprisonment', 'absconding']) }),
  recordDublinTransfer: withActor({ transferredAt: IsoDateTime }),
  inviteToInterview: withActor({
    scheduledAt: IsoDateTime,
    location: z.enum(['oslo', 'trondheim', 'online']),
    interpreterLanguage: text(50, 2),
  }),
  recordInterview: withActor({ outcome: z.enum(['held', 'no-show']), heldAt: IsoDateTime }),
  decide: withActor({
    outcome: z.enum(['granted-refugee', 'granted-subsidiary', 'rejected']),
    grounds: reason,
    internalProtectionOblast: Oblast.optional(),
    departureDeadlineDays: z.number().int().min(0).max(90).optional(),
  }),
  lodgeAppeal: withActor({ lodgedAt: IsoDateTime, requestsSuspensiveEffect: z.boolean() }),
  reconsiderAppeal: withActor({ reversed: z.boolean(), grounds: reason }),
  recordUneDecision: withActor({
    outcome: z.enum(['granted', 'rejected']),
    decidedAt: IsoDateTime,
    departureDeadlineDays: z.number().int().min(0).max(90).optional(),
  }),
  withdraw: withActor({
    receivedAt: IsoDateTime,
    exemption: z.enum(['other-permit', 'pending-application', 'under-90-days-schengen']).optional(),
  }),
  reportLeftNorway: withActor({ detectedAt: IsoDateTime }),
  reportDeparture: withActor({ departedAt: IsoDateTime, destination: CountryAlpha2.optional() }),
  applyForWorkPermit: withActor({ appliedAt: IsoDateTime }),
  updateContactInfo: withActor({ residence: Residence.optional(), contact: Contact.optional() })
    .refine((update) => update.residence !== undefined || update.contact !== undefined, {
      message: 'give a new residence, new contact details, or both',
    })
    .meta({ anyOf: [{ required: ['residence'] }, { required: ['contact'] }] }),
  recordDocument: withActor({
    kind: z.enum(['original', 'copy']),
    receivedBy: z.enum(['police', 'udi']),
    description: text(1000),
    /** Extension: the original handed in is the applicant's passport, which the police then keep. */
    isPassport: z.boolean().optional(),
  }),
} as const;

export type CommandName = keyof typeof CommandPayloads;
export const COMMAND_NAMES = Object.keys(CommandPayloads) as CommandName[];
export type CommandPayload<Name extends CommandName> = z.infer<(typeof CommandPayloads)[Name]>;

/** The commands outside systems send; they also arrive as Signals (contract §1). */
export const SIGNAL_COMMANDS = [
  'registerWithPolice',
  'recordDublinReply',
  'recordUneDecision',
  'reportDeparture',
  'reportLeftNorway',
  'recordDocument',
] as const satisfies readonly CommandName[];

export type CaseworkerCommand = {
  [Name in CommandName]: { type: Name; payload: CommandPayload<Name> };
}[CommandName];
/** A deadline that ran out; the workflow's timer sends it through the same `decide` as a caseworker's command. */
export type DeadlineReached = { type: 'deadlineReached'; kind: DeadlineKind; dueAt: string };
export type Command = CaseworkerCommand | DeadlineReached;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(CommandPayloads, name);
}

/**
 * The field of each command that dates a fact which has already happened (a registration, a reply, a departure):
 * it cannot lie in the future of the moment it is recorded.
 */
export const FACT_TIME_FIELD: Partial<Record<CommandName, string>> = {
  registerWithPolice: 'registeredAt',
  recordDublinReply: 'repliedAt',
  recordDublinTransfer: 'transferredAt',
  recordInterview: 'heldAt',
  lodgeAppeal: 'lodgedAt',
  recordUneDecision: 'decidedAt',
  withdraw: 'receivedAt',
  reportLeftNorway: 'detectedAt',
  reportDeparture: 'departedAt',
  applyForWorkPermit: 'appliedAt',
};
