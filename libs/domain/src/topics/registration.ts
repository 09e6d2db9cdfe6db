import type { ApplicationLodged } from '../application-lodged';
import type { EventOf } from '../case-events';
import { CURRENT_RULES, type CaseState, type CollectiveScreening, type RulesVersion } from '../case-state';
import { osloCalendarDate } from '../deadlines';
import { policyInForce, STANDARD_POLICY, type PolicyVersion } from '../policy';
import { notify, optional, withDeadlines } from './case-changes';
import {
  dublinDueAfter,
  policyAt,
  underFirstRules,
  type DecideContext,
  type TopicCommands,
  type TopicEvents,
} from './topic';

/** Registration: the application is lodged, the police register it, and UDI chooses collective or individual. */

const ADULT_AGE = 18;

function ageOn(dateOfBirth: string, on: string): number {
  const birth = new Date(`${dateOfBirth}T00:00:00Z`);
  const day = new Date(on);
  let age = day.getUTCFullYear() - birth.getUTCFullYear();
  const birthdayPassed =
    day.getUTCMonth() > birth.getUTCMonth() ||
    (day.getUTCMonth() === birth.getUTCMonth() && day.getUTCDate() >= birth.getUTCDate());
  if (!birthdayPassed) age -= 1;
  return age;
}

/**
 * The seed: "We start by interviewing single, childless adults who have not stayed in other safe countries."
 * Adulthood is judged on the lodging date, the moment UDI's queue is built from. Single is without a spouse or
 * cohabitant: divorced and widowed people are single (rules version 2; the first release counted only "single").
 */
export function interviewPriority(
  application: ApplicationLodged,
  rulesVersion: RulesVersion = CURRENT_RULES,
): boolean {
  const { applicant } = application;
  const single =
    rulesVersion === 1
      ? applicant.maritalStatus === 'single'
      : applicant.maritalStatus !== 'married' && applicant.maritalStatus !== 'cohabiting';
  return (
    single &&
    !applicant.hasChildren &&
    !applicant.unaccompaniedMinor &&
    ageOn(applicant.dateOfBirth, application.lodgedAt) >= ADULT_AGE &&
    application.staysInSafeCountries.length === 0
  );
}

/**
 * A recommendation, with reasons, on whether the applicant falls outside collective protection; the caseworker
 * decides. A home area on the exclusion list in force on the lodging date is a ground; so may be a nationality other
 * than Ukrainian (brief § 1 (e)). A stay in a safe country on the way is not by itself a ground (brief § 1): the
 * first release counted it, and its cases keep that.
 */
export function collectiveScreening(
  application: ApplicationLodged,
  policy: readonly PolicyVersion[] = STANDARD_POLICY,
  rulesVersion: RulesVersion = CURRENT_RULES,
): CollectiveScreening {
  const inForce = policyInForce(osloCalendarDate(application.lodgedAt), policy);
  const reasons: CollectiveScreening['reasons'] = [];
  if (inForce.collectiveProtectionExcludedOblasts.includes(application.applicant.homeOblast)) {
    reasons.push('home-oblast-excluded');
  }
  if (rulesVersion === 1) {
    if (application.staysInSafeCountries.length > 0) reasons.push('stayed-in-safe-country');
  } else if (application.applicant.nationality !== 'UKR') {
    reasons.push('not-a-ukrainian-national');
  }
  return {
    recommendation: reasons.length > 0 ? 'individual' : 'collective',
    reasons,
    policyVersion: inForce.version,
  };
}

/** The case as its first event opens it. */
export function openedCase(event: EventOf<'ApplicationLodged'>): CaseState {
  const { application, screening } = event.data;
  const rulesVersion = event.data.rulesVersion ?? 1;
  return {
    dufNumber: application.dufNumber,
    rulesVersion,
    status: 'lodged',
    track: 'undetermined',
    lodgedAt: application.lodgedAt,
    homeOblast: application.applicant.homeOblast,
    application,
    interviewPriority: interviewPriority(application, rulesVersion),
    collectiveScreening: screening,
    deadlines: [],
    passport: { kind: 'none', custody: 'applicant' },
    decisionFinal: false,
    policeEnforcing: false,
    workPermit: { eligible: false, reasons: [], status: 'not-applied' },
    documents: [],
    workItems: [],
    // Set by `evolve` (work allocation): a new case waits unassigned in the queue its status calls for.
    assignee: null,
    team: 'registration',
    allowedCommands: [],
    closed: false,
    lastEventSeq: 0,
    updatedAt: event.at,
  };
}

/**
 * Dublin III Art. 21(1), 23(2): a request to another state within 3 months of lodging, or within 2 months of a
 * Eurodac hit; later, Norway is responsible.
 */
export function dublinRequestDueAt(
  state: CaseState,
  context: DecideContext,
  eurodacHitAt: string | undefined = state.registration?.eurodacHit
    ? state.registration.registeredAt
    : undefined,
): string {
  const policy = policyAt(context);
  return eurodacHitAt
    ? dublinDueAfter(eurodacHitAt, policy.dublin.requestAfterEurodacHit, policy)
    : dublinDueAfter(state.lodgedAt, policy.dublin.request, policy);
}

export const registrationCommands = {
  /** The police register the application; the passport is handed in then (the seed: it must be). */
  registerWithPolice: {
    allowed: (state) => state.status === 'lodged',
    decide: (_state, { registeredAt, policeDistrict, passport, eurodacHit }) => [
      {
        type: 'RegisteredWithPolice',
        data: {
          registeredAt,
          policeDistrict,
          passport: {
            kind: passport.kind,
            surrendered: passport.surrendered,
            ...(passport.number ? { number: passport.number } : {}),
            ...(passport.expiresOn ? { expiresOn: passport.expiresOn } : {}),
          },
          eurodacHit,
        },
      },
    ],
  },
  /**
   * "We first assess whether they are eligible for collective protection." The screening only recommends; the
   * event records whether the caseworker followed it. Individual assessment starts the Dublin request period.
   */
  assessCollectiveProtection: {
    allowed: (state) => state.status === 'awaiting-collective-assessment',
    decide: (state, { eligible, reason }, context) => [
      {
        type: 'CollectiveProtectionAssessed',
        data: {
          eligible,
          reason,
          followedScreening: (state.collectiveScreening.recommendation === 'collective') === eligible,
          ...(eligible || underFirstRules(state)
            ? {}
            : {
                dublinRequestDueAt: dublinRequestDueAt(state, context),
                policyVersion: policyAt(context).version,
              }),
        },
      },
    ],
  },
} satisfies TopicCommands;

export const registrationEvents = {
  RegisteredWithPolice: {
    evolve: (state, event) => {
      const { passport, registeredAt, policeDistrict, eurodacHit } = event.data;
      return {
        ...state,
        status: 'awaiting-collective-assessment',
        registration: { registeredAt, policeDistrict, eurodacHit },
        passport: {
          kind: passport.kind,
          custody: passport.surrendered ? 'police' : 'applicant',
          ...optional('number', passport.number),
          ...optional('expiresOn', passport.expiresOn),
        },
      };
    },
  },
  CollectiveProtectionAssessed: {
    evolve: (state, event) =>
      withDeadlines(
        {
          ...state,
          status: event.data.eligible ? 'collective-protection-granted' : 'individual-assessment',
          track: event.data.eligible ? 'collective' : 'individual',
          collectiveAssessment: { eligible: event.data.eligible, reason: event.data.reason },
          ...optional('dublinRequestDueAt', event.data.dublinRequestDueAt),
        },
        { 'dublin-request': event.data.dublinRequestDueAt },
      ),
    effects: (event, state) =>
      event.data.eligible
        ? [notify(state, 'collective-protection-granted')]
        : [
            notify(state, 'assessed-individually', {
              mustHandInPassport: state.passport.custody !== 'police',
            }),
          ],
  },
} satisfies TopicEvents;
