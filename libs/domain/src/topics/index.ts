import type { CaseEventType } from '../case-events';
import type { DeadlineKind } from '../case-state';
import type { CommandName } from '../commands';
import { appealCommands, appealDeadlines, appealEvents } from './appeal';
import { applicantFactsCommands, applicantFactsEvents } from './applicant-facts';
import { decisionCommands, decisionEvents } from './decision';
import { departureCommands, departureDeadlines, departureEvents } from './departure';
import { dublinCommands, dublinDeadlines, dublinEvents } from './dublin';
import { interviewCommands, interviewDeadlines, interviewEvents } from './interview';
import { recordEvents } from './record';
import { registrationCommands, registrationEvents } from './registration';
import type { CommandRule, DeadlineRule, EventRule } from './topic';
import { workAllocationCommands, workAllocationEvents } from './work-allocation';

/** Every command's rule, from its topic; the type insists on one for each command. */
export const COMMAND_RULES = {
  ...registrationCommands,
  ...dublinCommands,
  ...interviewCommands,
  ...decisionCommands,
  ...appealCommands,
  ...departureCommands,
  ...applicantFactsCommands,
  ...workAllocationCommands,
} satisfies { [Name in CommandName]: CommandRule<Name> };

/** What each deadline does when it runs out. */
export const DEADLINE_RULES = {
  ...dublinDeadlines,
  ...interviewDeadlines,
  ...appealDeadlines,
  ...departureDeadlines,
} satisfies { [Kind in DeadlineKind]: DeadlineRule };

/** How each event changes the case (the first, `ApplicationLodged`, opens it: `openedCase`). */
export const EVENT_RULES = {
  ...registrationEvents,
  ...dublinEvents,
  ...interviewEvents,
  ...decisionEvents,
  ...appealEvents,
  ...departureEvents,
  ...applicantFactsEvents,
  ...workAllocationEvents,
  ...recordEvents,
} satisfies { [Type in Exclude<CaseEventType, 'ApplicationLodged'>]: EventRule<Type> };
