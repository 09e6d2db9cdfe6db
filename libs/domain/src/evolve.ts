import { allowedCommands } from './allowed-commands';
import type { CaseEvent, EventOf } from './case-events';
import { CLOSED_STATUSES, type CaseState, type DeadlineKind } from './case-state';
import { osloCalendarDate } from './deadlines';
import { interviewPriority } from './interview-priority';
import { workPermitEligibility } from './work-permit';

/** Before the first event there is no case. */
export const initialState: CaseState | null = null;

/**
 * Folds one event into the state. Pure and total: every recorded event is a fact, so it never fails; the due dates
 * were computed by `decide` and recorded in the events, so a later change of holiday data or policy cannot move
 * the deadlines of a case already running.
 */
export function evolve(state: CaseState | null, event: CaseEvent): CaseState {
  if (event.type === 'ApplicationLodged') return opened(event);
  if (!state) throw new Error(`a case starts with ApplicationLodged, not ${event.type}`);
  return derive(apply(state, event), event);
}

export function fold(events: readonly CaseEvent[], from: CaseState | null = initialState): CaseState | null {
  return events.reduce<CaseState | null>(evolve, from);
}

function opened(event: EventOf<'ApplicationLodged'>): CaseState {
  const { application, screening } = event.data;
  return derive(
    {
      dufNumber: application.dufNumber,
      status: 'lodged',
      track: 'undetermined',
      lodgedAt: application.lodgedAt,
      homeOblast: application.applicant.homeOblast,
      application,
      interviewPriority: interviewPriority(application),
      collectiveScreening: screening,
      deadlines: [],
      passport: { kind: 'none', custody: 'applicant' },
      decisionFinal: false,
      workPermit: { eligible: false, reasons: [], status: 'not-applied' },
      documents: [],
      allowedCommands: [],
      closed: false,
      lastEventSeq: 0,
      updatedAt: event.at,
    },
    event,
  );
}

function apply(state: CaseState, event: Exclude<CaseEvent, EventOf<'ApplicationLodged'>>): CaseState {
  switch (event.type) {
    case 'RegisteredWithPolice': {
      const { passport, registeredAt, policeDistrict, eurodacHit } = event.data;
      return {
        ...state,
        status: 'awaiting-collective-assessment',
        registration: { registeredAt, policeDistrict, eurodacHit },
        passport: {
          kind: passport.kind,
          custody: passport.surrendered ? 'police' : 'applicant',
          ...(passport.number ? { number: passport.number } : {}),
          ...(passport.expiresOn ? { expiresOn: passport.expiresOn } : {}),
        },
      };
    }
    case 'CollectiveProtectionAssessed':
      return {
        ...state,
        status: event.data.eligible ? 'collective-protection-granted' : 'individual-assessment',
        track: event.data.eligible ? 'collective' : 'individual',
        collectiveAssessment: { eligible: event.data.eligible, reason: event.data.reason },
      };
    case 'DublinCaseRegistered':
      return withDeadlines(
        {
          ...state,
          status: 'dublin-procedure',
          track: 'dublin',
          dublin: {
            responsibleState: event.data.responsibleState,
            procedure: event.data.procedure,
            eurodacHit: event.data.eurodacHit,
            requestedAt: event.at,
            norwayResponsible: false,
          },
        },
        { 'dublin-reply': event.data.replyDueAt },
      );
    case 'DublinReplyRecorded': {
      const dublin = requireDublin(state);
      const reply = {
        accepted: event.data.accepted,
        repliedAt: event.data.repliedAt,
        implicit: event.data.implicit,
      };
      if (!event.data.accepted) return norwayTakesTheCase({ ...state, dublin: { ...dublin, reply } });
      return withDeadlines(
        { ...state, dublin: { ...dublin, reply } },
        {
          'dublin-reply': undefined,
          appeal: event.data.appealDueAt,
          'dublin-transfer': event.data.transferDueAt,
        },
      );
    }
    case 'DublinTransferDeadlineExtended':
      return withDeadlines(
        { ...state, dublin: { ...requireDublin(state), extendedFor: event.data.reason } },
        { 'dublin-transfer': event.data.transferDueAt },
      );
    case 'DublinTransferDeadlineLapsed':
      return norwayTakesTheCase(state);
    case 'DublinTransferred':
      return {
        ...state,
        status: 'transferred',
        dublin: { ...requireDublin(state), transferredAt: event.data.transferredAt },
      };
    case 'InterviewScheduled':
      return withDeadlines(
        {
          ...state,
          status: 'interview-scheduled',
          interview: {
            scheduledAt: event.data.scheduledAt,
            location: event.data.location,
            interpreterLanguage: event.data.interpreterLanguage,
            reminderSent: false,
          },
        },
        { 'interview-reminder': event.data.reminderAt },
      );
    case 'InterviewReminderSent':
      return withDeadlines(
        { ...state, interview: state.interview && { ...state.interview, reminderSent: true } },
        { 'interview-reminder': undefined },
      );
    case 'InterviewRecorded':
      return withDeadlines(
        {
          ...state,
          // A missed interview sends the case back to be invited again: attending is an obligation (the seed).
          status: event.data.outcome === 'held' ? 'awaiting-decision' : 'individual-assessment',
          interview: state.interview && {
            ...state.interview,
            outcome: event.data.outcome,
            heldAt: event.data.heldAt,
          },
        },
        { 'interview-reminder': undefined },
      );
    case 'DecisionMade': {
      const { appealDueAt, ...decision } = event.data;
      const granted = decision.outcome !== 'rejected';
      return withDeadlines(
        { ...state, status: granted ? 'protection-granted' : 'rejected', decision, decisionFinal: granted },
        { appeal: appealDueAt },
      );
    }
    case 'AppealLodged': {
      const dublinSuspended = event.data.against === 'dublin-transfer' && event.data.requestsSuspensiveEffect;
      return withDeadlines(
        {
          ...state,
          status: 'appeal-reconsideration',
          appeal: {
            against: event.data.against,
            lodgedAt: event.data.lodgedAt,
            requestsSuspensiveEffect: event.data.requestsSuspensiveEffect,
          },
        },
        // With suspensive effect the transfer period runs from the final appeal decision (Dublin III Art. 29(1)).
        dublinSuspended ? { appeal: undefined, 'dublin-transfer': undefined } : { appeal: undefined },
      );
    }
    case 'AppealDeadlinePassed':
      return event.data.against === 'rejection'
        ? withDeadlines(
            { ...state, status: 'departure-pending', decisionFinal: true },
            { appeal: undefined, departure: event.data.departureDueAt },
          )
        : withDeadlines({ ...state, decisionFinal: true }, { appeal: undefined });
    case 'AppealReconsidered': {
      const appeal = { ...requireAppeal(state), reconsideration: event.data };
      if (!event.data.reversed) return { ...state, status: 'at-une', appeal };
      return appeal.against === 'rejection'
        ? { ...state, status: 'protection-granted', appeal, decisionFinal: true }
        : norwayTakesTheCase({ ...state, appeal });
    }
    case 'UneDecisionRecorded': {
      const appeal = {
        ...requireAppeal(state),
        une: { outcome: event.data.outcome, decidedAt: event.data.decidedAt },
      };
      const decided = { ...state, appeal, decisionFinal: true };
      if (appeal.against === 'dublin-transfer') {
        return event.data.outcome === 'granted'
          ? norwayTakesTheCase(decided)
          : withDeadlines(
              { ...decided, status: 'dublin-procedure' },
              { 'dublin-transfer': event.data.transferDueAt },
            );
      }
      return event.data.outcome === 'granted'
        ? { ...decided, status: 'protection-granted' }
        : withDeadlines(
            { ...decided, status: 'departure-pending' },
            { departure: event.data.departureDueAt },
          );
    }
    case 'DepartureDeadlinePassed':
      return withDeadlines({ ...state, status: 'enforcement' }, { departure: undefined });
    case 'ApplicationWithdrawn':
      return withDeadlines(
        {
          ...state,
          // Without an exemption the applicant must leave Norway (the seed): the case waits for the departure.
          status: event.data.exemption ? 'withdrawn' : 'departure-pending',
          withdrawal: {
            receivedAt: event.data.receivedAt,
            ...(event.data.exemption ? { exemption: event.data.exemption } : {}),
          },
        },
        allCleared(state, { departure: event.data.departureDueAt }),
      );
    case 'LeftNorwayReported':
      return { ...state, status: 'dismissed', leftNorwayAt: event.data.detectedAt };
    case 'DepartureReported':
      return {
        ...state,
        status: 'departed',
        departure: {
          departedAt: event.data.departedAt,
          ...(event.data.destination ? { destination: event.data.destination } : {}),
        },
      };
    case 'WorkPermitDecided':
      return {
        ...state,
        workPermit: {
          ...state.workPermit,
          status: event.data.granted ? 'granted' : 'refused',
          appliedAt: event.data.appliedAt,
          ...(event.data.granted ? {} : { refusedFor: event.data.reasons }),
        },
      };
    case 'ContactInfoUpdated':
      return {
        ...state,
        application: {
          ...state.application,
          applicant: {
            ...state.application.applicant,
            ...(event.data.residence ? { residence: event.data.residence } : {}),
            ...(event.data.contact ? { contact: event.data.contact } : {}),
          },
        },
      };
    case 'DocumentRecorded': {
      const { kind, receivedBy, description, isPassport } = event.data;
      const passportHandedIn = isPassport === true && kind === 'original' && receivedBy === 'police';
      return {
        ...state,
        documents: [...state.documents, { kind, receivedBy, description, receivedAt: event.at }],
        passport: passportHandedIn
          ? {
              ...state.passport,
              kind: state.passport.kind === 'none' ? 'international' : state.passport.kind,
              custody: 'police',
            }
          : state.passport,
      };
    }
    case 'CommandRejected':
    case 'EffectFailed':
      return state;
  }
}

/** Recomputes what follows from the rest, the same way after every event. */
function derive(state: CaseState, event: CaseEvent): CaseState {
  const closed = CLOSED_STATUSES.has(state.status);
  const passport =
    // The seed: the passport "cannot be returned as long as your application is being processed".
    closed && state.passport.custody === 'police'
      ? { ...state.passport, custody: 'returned' as const }
      : state.passport;
  const settled: CaseState = {
    ...state,
    passport,
    deadlines: closed ? [] : state.deadlines,
    closed,
    lastEventSeq: event.seq,
    updatedAt: event.at,
  };
  const eligibility = workPermitEligibility(settled, osloCalendarDate(event.at));
  const withPermit = { ...settled, workPermit: { ...settled.workPermit, ...eligibility } };
  return { ...withPermit, allowedCommands: allowedCommands(withPermit) };
}

function withDeadlines(
  state: CaseState,
  changes: Partial<Record<DeadlineKind, string | undefined>>,
): CaseState {
  const kept = state.deadlines.filter((deadline) => !(deadline.kind in changes));
  const added = Object.entries(changes)
    .filter((entry): entry is [DeadlineKind, string] => entry[1] !== undefined)
    .map(([kind, dueAt]) => ({ kind, dueAt }));
  return {
    ...state,
    deadlines: [...kept, ...added].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)),
  };
}

function allCleared(
  state: CaseState,
  changes: Partial<Record<DeadlineKind, string | undefined>>,
): Partial<Record<DeadlineKind, string | undefined>> {
  return { ...Object.fromEntries(state.deadlines.map((deadline) => [deadline.kind, undefined])), ...changes };
}

/** Dublin responsibility passes to Norway: the application is assessed individually here. */
function norwayTakesTheCase(state: CaseState): CaseState {
  return withDeadlines(
    {
      ...state,
      status: 'individual-assessment',
      track: 'individual',
      dublin: { ...requireDublin(state), norwayResponsible: true },
      appeal: undefined,
      decisionFinal: false,
    },
    { 'dublin-reply': undefined, 'dublin-transfer': undefined, appeal: undefined },
  );
}

function requireDublin(state: CaseState): NonNullable<CaseState['dublin']> {
  if (!state.dublin) throw new Error('a Dublin event on a case with no Dublin procedure');
  return state.dublin;
}

function requireAppeal(state: CaseState): NonNullable<CaseState['appeal']> {
  if (!state.appeal) throw new Error('an appeal event on a case with no appeal');
  return state.appeal;
}
