import type { CaseState, WorkPermitIneligibility } from '../case-state';
import { osloCalendarDate } from '../deadlines';
import type { ForwardDestination } from '../vocabulary';
import { notify, optional } from './case-changes';
import { invalid, underFirstRules, type TopicCommands, type TopicEvents } from './topic';

/**
 * What the applicant brings along the way: a work permit application, new contact details, documents and a
 * passport handed in later. Once UNE holds the case, what reaches UDI is sent on to UNE (the seed).
 */

/**
 * The seed: a temporary work permit needs the asylum interview held, a valid passport, and no answer yet; never
 * for a Dublin case or after a rejection. An internal passport ("Passport of the Citizen of Ukraine") does not do,
 * and an expired one is no valid passport on the day the permit is judged.
 */
export function workPermitEligibility(
  state: Pick<CaseState, 'interview' | 'passport' | 'decision' | 'track' | 'status'>,
  today: string,
): { eligible: boolean; reasons: WorkPermitIneligibility[] } {
  const reasons: WorkPermitIneligibility[] = [];
  if (state.interview?.outcome !== 'held') reasons.push('interview-not-held');
  if (state.passport.kind === 'internal') reasons.push('internal-passport-only');
  else if (state.passport.kind !== 'international' || (state.passport.expiresOn ?? '9999-12-31') < today) {
    reasons.push('no-valid-passport');
  }
  if (state.decision?.outcome === 'rejected' || state.status === 'rejected') reasons.push('rejected');
  else if (state.decision) reasons.push('decision-made');
  if (state.track === 'dublin') reasons.push('dublin-case');
  return { eligible: reasons.length === 0, reasons };
}

/** UNE holds the case from the hand-over until it decides. */
const heldByUne = (state: CaseState) => state.status === 'at-une';

/** Where UDI sends a document on: an original to the police (never kept by UDI), a copy to UNE once UNE holds the case. */
function forwardDestination(
  state: CaseState,
  kind: 'original' | 'copy',
  receivedBy: 'police' | 'udi',
): ForwardDestination | undefined {
  if (receivedBy !== 'udi' || underFirstRules(state)) return undefined;
  if (kind === 'original') return 'police';
  return heldByUne(state) ? 'une' : undefined;
}

export const applicantFactsCommands = {
  /** Granted only when eligible on the day it is judged; otherwise refused with the reasons (no appeal). */
  applyForWorkPermit: {
    allowed: (state) => !state.closed,
    decide: (state, { appliedAt }, context) => {
      const judgedOn = osloCalendarDate(underFirstRules(state) ? appliedAt : context.now);
      const { eligible, reasons } = workPermitEligibility(state, judgedOn);
      return [{ type: 'WorkPermitDecided', data: { appliedAt, granted: eligible, reasons } }];
    },
  },
  /** The seed: applicants at a private address must keep their contact information up to date. */
  updateContactInfo: {
    allowed: (state) => !state.closed,
    decide: (_state, { residence, contact }) => [
      {
        type: 'ContactInfoUpdated',
        data: { ...optional('residence', residence), ...optional('contact', contact) },
      },
    ],
  },
  /**
   * The seed: originals go to the police ("Do not send originals to UDI"); one that reaches UDI anyway is recorded
   * and sent on to the police (the first release refused it). A passport handed to the police later becomes the
   * case's passport, with its validity.
   */
  recordDocument: {
    allowed: (state) => !state.closed,
    decide: (state, { kind, receivedBy, description, passport, isPassport }) => {
      if (underFirstRules(state)) {
        if (kind === 'original' && receivedBy === 'udi') return invalid('receivedBy', 'originalsToPolice');
      } else if (passport && (kind !== 'original' || receivedBy !== 'police')) {
        return invalid('passport', 'passportIsOriginal');
      }
      const forwardTo = forwardDestination(state, kind, receivedBy);
      return [
        {
          type: 'DocumentRecorded',
          data: {
            kind,
            receivedBy,
            description,
            ...optional('isPassport', isPassport),
            ...(underFirstRules(state) ? {} : optional('passport', passport)),
            ...optional('forwardTo', forwardTo),
          },
        },
      ];
    },
  },
} satisfies TopicCommands;

export const applicantFactsEvents = {
  WorkPermitDecided: {
    evolve: (state, event) => ({
      ...state,
      workPermit: {
        ...state.workPermit,
        status: event.data.granted ? 'granted' : 'refused',
        appliedAt: event.data.appliedAt,
        ...(event.data.granted ? {} : { refusedFor: event.data.reasons }),
      },
    }),
    effects: (event, state) => [
      notify(state, 'work-permit-decided', {
        outcome: event.data.granted ? 'granted' : 'refused',
        reasons: event.data.reasons,
      }),
    ],
  },
  ContactInfoUpdated: {
    evolve: (state, event) => ({
      ...state,
      application: {
        ...state.application,
        applicant: {
          ...state.application.applicant,
          ...optional('residence', event.data.residence),
          ...optional('contact', event.data.contact),
        },
      },
    }),
    effects: (_event, state) =>
      !underFirstRules(state) && heldByUne(state)
        ? [{ kind: 'forward-to-une', subject: 'contact-change', description: 'new contact details' }]
        : [],
  },
  DocumentRecorded: {
    evolve: (state, event) => {
      const { kind, receivedBy, description, isPassport, passport, forwardTo } = event.data;
      const document = {
        kind,
        receivedBy,
        description,
        receivedAt: event.at,
        seq: event.seq,
        ...optional('forwardTo', forwardTo),
      };
      const firstReleasePassport = isPassport === true && kind === 'original' && receivedBy === 'police';
      return {
        ...state,
        documents: [...state.documents, document],
        passport: passport
          ? // The passport handed in is the case's passport now: its kind, number, validity, and the police keep it.
            { kind: passport.kind, number: passport.number, expiresOn: passport.expiresOn, custody: 'police' }
          : firstReleasePassport
            ? {
                ...state.passport,
                kind: state.passport.kind === 'none' ? 'international' : state.passport.kind,
                custody: 'police',
              }
            : state.passport,
      };
    },
    effects: (event) => {
      if (event.data.forwardTo === 'une')
        return [{ kind: 'forward-to-une', subject: 'document', description: event.data.description }];
      if (event.data.forwardTo === 'police')
        return [{ kind: 'forward-original-to-police', description: event.data.description }];
      return [];
    },
  },
} satisfies TopicEvents;
