// Imported by workflow code: keep this module free of Node APIs.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The contract's search attributes. None carries a name, address or contact detail: they are not encrypted. */
export const SEARCH_ATTRIBUTES = {
  CaseStatus: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  CaseTrack: defineSearchAttributeKey('CaseTrack', SearchAttributeType.KEYWORD),
  HomeOblast: defineSearchAttributeKey('HomeOblast', SearchAttributeType.KEYWORD),
  NextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  InterviewPriority: defineSearchAttributeKey('InterviewPriority', SearchAttributeType.BOOL),
  DufNumber: defineSearchAttributeKey('DufNumber', SearchAttributeType.KEYWORD),
  /** What the case waits for someone at UDI to do (the dashboard's work lists); rules version 2. */
  WorkItems: defineSearchAttributeKey('WorkItems', SearchAttributeType.KEYWORD_LIST),
  /** The caseworker who holds the case (a username), absent while it waits in its team's queue. */
  AssignedTo: defineSearchAttributeKey('AssignedTo', SearchAttributeType.KEYWORD),
  /** The team whose queue or caseworker has the case. */
  Team: defineSearchAttributeKey('Team', SearchAttributeType.KEYWORD),
  /** When the application was lodged (the start input's `lodgedAt`): processing times and age bands count from it. */
  LodgedAt: defineSearchAttributeKey('LodgedAt', SearchAttributeType.DATETIME),
  /** When UDI made its first-instance decision (collective protection, a decision, a Dublin transfer decision). */
  DecidedAt: defineSearchAttributeKey('DecidedAt', SearchAttributeType.DATETIME),
} as const;

/** The names the Temporal CLI's `--search-attribute KEY=TYPE` flag expects. */
const CLI_TYPE_NAMES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

export function searchAttributeCliFlags(): string[] {
  return Object.values(SEARCH_ATTRIBUTES).flatMap((key) => [
    '--search-attribute',
    `${key.name}=${CLI_TYPE_NAMES[key.type]}`,
  ]);
}
