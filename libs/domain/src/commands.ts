import { z } from 'zod';
import { Actor, Username } from './actor';
import { Contact, CountryAlpha2, IsoDate, IsoDateTime, Residence } from './application-lodged';
import type { DeadlineKind } from './case-state';
import { Oblast } from './oblasts';
import { text } from './text';
import {
  DecisionOutcome,
  DocumentKind,
  DocumentReceiver,
  DublinProcedure,
  HandedInPassportKind,
  InterviewLocation,
  InterviewOutcome,
  PassportKind,
  ServiceChannel,
  TeamId,
  TransferExtensionReason,
  UneOutcome,
  WithdrawalExemption,
} from './vocabulary';
import { refusalText } from './refusals';

const reason = text(4000);
const withActor = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ actor: Actor, ...shape }).strict();

/** Each command's payload (contract §1): an Update of that exact name, with the actor filled in by the API. */
export const CommandPayloads = {
  registerWithPolice: withActor({
    registeredAt: IsoDateTime,
    /** A police district's name; forms offer Norway's twelve and PU (free text stays accepted). */
    policeDistrict: text(200).meta({ picker: 'police-district' }),
    passport: z
      .object({
        kind: PassportKind,
        number: text(50).optional(),
        expiresOn: IsoDate.optional(),
        surrendered: z.boolean(),
      })
      .strict()
      .refine((passport) => passport.kind !== 'none' || !passport.surrendered, {
        message: refusalText('noPassportSurrendered'),
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
    procedure: DublinProcedure,
    eurodacHit: z.boolean(),
    /** Extension: when the Eurodac hit came, if after the police registration (Dublin III Art. 21(1), 23(2)). */
    eurodacHitAt: IsoDateTime.optional(),
    familyInResponsibleState: z.boolean().optional(),
    previouslyProcessedThere: z.boolean().optional(),
  })
    .refine((payload) => payload.eurodacHitAt === undefined || payload.eurodacHit, {
      message: refusalText('eurodacTimeWithoutHit'),
      path: ['eurodacHitAt'],
    })
    .meta({
      if: { required: ['eurodacHitAt'] },
      then: { properties: { eurodacHit: { const: true } } },
    }),
  recordDublinReply: withActor({ accepted: z.boolean(), repliedAt: IsoDateTime }),
  extendDublinTransferDeadline: withActor({ reason: TransferExtensionReason }),
  recordDublinTransfer: withActor({ transferredAt: IsoDateTime }),
  inviteToInterview: withActor({
    scheduledAt: IsoDateTime,
    location: InterviewLocation,
    /** An ISO 639 code ("uk", "ti", "prs") as forms send it, or a language named in words. */
    interpreterLanguage: text(50, 2).meta({ picker: 'interpreter-language' }),
    /** The seed: at a private address "UDI will call you first"; a hotel night can be arranged in the call. */
    phoneCall: z
      .object({ calledAt: IsoDateTime, reached: z.boolean(), hotelNight: z.boolean() })
      .strict()
      .optional(),
  }),
  recordInterview: withActor({ outcome: InterviewOutcome, heldAt: IsoDateTime }),
  decide: withActor({
    outcome: DecisionOutcome,
    grounds: reason,
    internalProtectionOblast: Oblast.optional(),
    /** The safe country the applicant stayed in and is to return to (utl. § 32 first paragraph (a)/(d)). */
    returnCountry: CountryAlpha2.optional(),
    departureDeadlineDays: z.number().int().min(0).max(90).optional(),
  }),
  lodgeAppeal: withActor({
    /** When the appeal was posted, handed in or sent (fvl. § 30): not when UDI registered it. */
    lodgedAt: IsoDateTime,
    requestsSuspensiveEffect: z.boolean(),
    /** fvl. § 31: a late appeal UDI decides to consider anyway, at most a year after the decision. */
    lateAppealExcused: z.object({ grounds: reason }).strict().optional(),
  }),
  reconsiderAppeal: withActor({ reversed: z.boolean(), grounds: reason }),
  recordUneDecision: withActor({
    outcome: UneOutcome,
    decidedAt: IsoDateTime,
    departureDeadlineDays: z.number().int().min(0).max(90).optional(),
  }),
  withdraw: withActor({
    receivedAt: IsoDateTime,
    exemption: WithdrawalExemption.optional(),
  }),
  reportLeftNorway: withActor({ detectedAt: IsoDateTime }),
  reportDeparture: withActor({ departedAt: IsoDateTime, destination: CountryAlpha2.optional() }),
  applyForWorkPermit: withActor({ appliedAt: IsoDateTime }),
  updateContactInfo: withActor({ residence: Residence.optional(), contact: Contact.optional() })
    .refine((update) => update.residence !== undefined || update.contact !== undefined, {
      message: refusalText('contactUpdateEmpty'),
    })
    .meta({ anyOf: [{ required: ['residence'] }, { required: ['contact'] }] }),
  recordDocument: withActor({
    kind: DocumentKind,
    receivedBy: DocumentReceiver,
    description: text(1000),
    /** A passport handed to the police: the case's passport, its validity and custody follow it. */
    passport: z
      .object({ kind: HandedInPassportKind, number: text(50), expiresOn: IsoDate })
      .strict()
      .optional(),
    /** The first release's flag, kept so that recorded commands still read: the original is a passport. */
    isPassport: z.boolean().optional(),
  }),
  /** fvl. § 29: the appeal period runs from when the decision reached the applicant. */
  recordDecisionServed: withActor({ servedAt: IsoDateTime, via: ServiceChannel }),
  /** fvl. § 42, utl. § 90: whether the decision waits for the appeal. */
  decideSuspensiveEffect: withActor({ granted: z.boolean(), grounds: reason }),
  /**
   * Who works on the case: taken (the actor names themself), handed to a named caseworker, or returned to its
   * team's queue (`null`). A caseworker may take an unassigned case or hand on their own; an admin may assign any.
   */
  assignCase: withActor({
    assignee: Username.nullable().meta({
      description: "a caseworker's username; null returns the case to its team's queue",
    }),
    team: TeamId.optional().meta({
      description: "the team whose queue the case joins; by default the team the case's status calls for",
    }),
  }),
  /** An internal note on the case's record: never sent to the applicant. */
  addNote: withActor({ text: text(4000) }),
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
  recordDecisionServed: 'servedAt',
};
