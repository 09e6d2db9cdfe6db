import type { CaseEvent } from './case-events';
import { deadlineOf, type CaseState } from './case-state';
import type { Effect, NotificationFacts, NotificationTemplate, NotifyApplicant, Recipient } from './effects';

/** How the applicant is reached now: through the reception centre's staff, or directly at a private address. */
export function recipientOf(state: CaseState): Recipient {
  const { residence, contact } = state.application.applicant;
  return residence.kind === 'reception-centre'
    ? { channel: 'reception-centre', centreName: residence.centreName }
    : {
        channel: 'private',
        address: residence.address,
        ...(contact.phone ? { phone: contact.phone } : {}),
        ...(contact.email ? { email: contact.email } : {}),
      };
}

function notify(
  state: CaseState,
  template: NotificationTemplate,
  facts: NotificationFacts = {},
): NotifyApplicant {
  return {
    kind: 'notify-applicant',
    template,
    language: state.application.applicant.preferredLanguage,
    fullName: state.application.applicant.fullName,
    recipient: recipientOf(state),
    facts,
  };
}

/** The side effects one event calls for, judged on the state the event led to. */
export function effectsOf(event: CaseEvent, state: CaseState): Effect[] {
  switch (event.type) {
    case 'CollectiveProtectionAssessed':
      return event.data.eligible
        ? [notify(state, 'collective-protection-granted')]
        : [
            notify(state, 'assessed-individually', {
              mustHandInPassport: state.passport.custody !== 'police',
            }),
          ];
    case 'DublinCaseRegistered':
      return [
        {
          kind: 'send-dublin-request',
          responsibleState: event.data.responsibleState,
          procedure: event.data.procedure,
          eurodacHit: event.data.eurodacHit,
          replyDueAt: event.data.replyDueAt,
        },
        notify(state, 'dublin-case-registered', { responsibleState: event.data.responsibleState }),
      ];
    case 'DublinReplyRecorded': {
      if (!event.data.accepted) return [notify(state, 'assessed-individually', {})];
      const appealDueAt = event.data.appealDueAt ?? '';
      return [
        notify(state, 'dublin-transfer-decided', {
          responsibleState: state.dublin?.responsibleState ?? '',
          appealDueAt,
          ...(event.data.transferDueAt ? { transferDueAt: event.data.transferDueAt } : {}),
        }),
        {
          kind: 'assign-lawyer',
          against: 'dublin-transfer',
          decision: {
            outcome: 'transfer',
            grounds: `Dublin: ${state.dublin?.responsibleState} is responsible`,
            decidedAt: event.at,
            appealDueAt,
          },
        },
      ];
    }
    case 'DublinTransferDeadlineLapsed':
      return [notify(state, 'assessed-individually', {})];
    case 'InterviewScheduled':
      return [
        notify(state, 'interview-invitation', {
          interviewAt: event.data.scheduledAt,
          interviewLocation: event.data.location,
          interpreterLanguage: event.data.interpreterLanguage,
        }),
      ];
    case 'InterviewReminderSent':
      return state.interview
        ? [
            notify(state, 'interview-reminder', {
              interviewAt: state.interview.scheduledAt,
              interviewLocation: state.interview.location,
            }),
          ]
        : [];
    case 'DecisionMade':
      if (event.data.outcome !== 'rejected')
        return [notify(state, 'protection-granted', { outcome: event.data.outcome })];
      return [
        {
          kind: 'assign-lawyer',
          against: 'rejection',
          decision: {
            outcome: event.data.outcome,
            grounds: event.data.grounds,
            decidedAt: event.data.decidedAt,
            appealDueAt: event.data.appealDueAt ?? '',
          },
        },
        notify(state, 'application-rejected', {
          ...(event.data.appealDueAt ? { appealDueAt: event.data.appealDueAt } : {}),
        }),
      ];
    case 'AppealDeadlinePassed':
      return event.data.against === 'dublin-transfer' ? [transferDue(state)] : [];
    case 'AppealReconsidered':
      return event.data.reversed
        ? [notify(state, 'appeal-reversed')]
        : [{ kind: 'hand-case-to-une' }, notify(state, 'appeal-sent-to-une')];
    case 'UneDecisionRecorded': {
      const departure = deadlineOf(state, 'departure');
      const told = notify(state, 'une-decided', {
        outcome: event.data.outcome,
        ...(departure ? { departureDueAt: departure.dueAt } : {}),
      });
      return state.appeal?.against === 'dublin-transfer' && event.data.outcome === 'rejected'
        ? [told, transferDue(state)]
        : [told];
    }
    case 'DepartureDeadlinePassed':
      return [{ kind: 'notify-police', reason: 'departure-deadline-passed', dueAt: event.data.dueAt }];
    case 'ApplicationWithdrawn':
      return [
        notify(state, 'withdrawal-confirmed', {
          withDutyToLeave: !event.data.exemption,
          ...(event.data.departureDueAt ? { departureDueAt: event.data.departureDueAt } : {}),
        }),
      ];
    case 'LeftNorwayReported':
      return [notify(state, 'case-dismissed')];
    case 'WorkPermitDecided':
      return [
        notify(state, 'work-permit-decided', {
          outcome: event.data.granted ? 'granted' : 'refused',
          reasons: event.data.reasons,
        }),
      ];
    default:
      return [];
  }
}

function transferDue(state: CaseState): Effect {
  const transfer = deadlineOf(state, 'dublin-transfer');
  return {
    kind: 'notify-police',
    reason: 'dublin-transfer-due',
    ...(state.dublin ? { responsibleState: state.dublin.responsibleState } : {}),
    ...(transfer ? { dueAt: transfer.dueAt } : {}),
  };
}
