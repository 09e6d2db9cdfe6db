// Turning domain values into short text: enum values, dates in Oslo time, yes/no, and one-line event summaries.
import { codeOfZodIssue, type CaseEvent } from './domain';
import { commandLabel, fieldLabel, teamLabel, valueLabel, type Messages } from './i18n';
import { formatDate, formatDateTime, isIsoDate, isIsoDateTime } from './oslo-time';
import { fieldIssueText } from './refusal-texts';
import { assignmentKind } from './work';

/** One value as text: dates in Oslo time, booleans as yes/no, enum values translated, lists joined. */
export function formatValue(t: Messages, value: unknown): string {
  if (value === null || value === undefined) return t.common.none;
  if (typeof value === 'boolean') return value ? t.common.yes : t.common.no;
  if (typeof value === 'number') return new Intl.NumberFormat(t.locale).format(value);
  if (typeof value === 'string') {
    if (isIsoDateTime(value)) return formatDateTime(value, t.locale);
    if (isIsoDate(value)) return formatDate(value, t.locale);
    return valueLabel(t, value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? t.common.none : value.map((item) => formatValue(t, item)).join(', ');
  }
  if (typeof value === 'object') {
    return describeEntries(t, value as Record<string, unknown>)
      .map(([label, text]) => `${label}: ${text}`)
      .join(', ');
  }
  return String(value);
}

/** The labelled entries of an object, for a definition list; undefined entries are left out. */
export function describeEntries(
  t: Messages,
  data: Record<string, unknown>,
  skip: readonly string[] = [],
): [label: string, text: string][] {
  return Object.entries(data)
    .filter(([key, value]) => value !== undefined && !skip.includes(key))
    .map(([key, value]) => [fieldLabel(t, key), formatValue(t, value)]);
}

const MAX_SUMMARY = 240;

function shortened(text: string, max = MAX_SUMMARY): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A one-line human summary of an event's data, in the chosen language: at most 240 characters, or `whole` for the
 * reader who asked to see all of it.
 */
export function summarizeEvent(t: Messages, event: CaseEvent, { whole = false } = {}): string {
  const shorten = (text: string) => (whole ? text : shortened(text));
  switch (event.type) {
    case 'ApplicationLodged': {
      const { application, screening } = event.data;
      return shorten(
        [
          application.applicant.fullName,
          `${fieldLabel(t, 'homeOblast')}: ${application.applicant.homeOblast}`,
          `${fieldLabel(t, 'recommendation')}: ${valueLabel(t, screening.recommendation)}`,
          ...(screening.reasons.length > 0
            ? [
                `${fieldLabel(t, 'reasons')}: ${screening.reasons.map((reason) => valueLabel(t, reason)).join(', ')}`,
              ]
            : []),
        ].join(' · '),
      );
    }
    case 'CommandRejected': {
      // The record keeps the refusal in English (for the logs and the auditors' JSON); the screen names the fields
      // refused, each in words where the schema's text says which rule it was.
      const { command, error, issues = [] } = event.data;
      const fields = issues.map((issue) =>
        fieldIssueText(t, { path: issue.path, ...codeOfZodIssue({ message: issue.message }) }),
      );
      return shorten([`${commandLabel(t, command)} — ${valueLabel(t, error)}`, ...fields].join(' · '));
    }
    case 'CaseAssigned': {
      const { assignee, previousAssignee, team } = event.data;
      switch (assignmentKind(event.data, event.actor.id)) {
        case 'taken':
          return t.work.assignedTaken(assignee ?? event.actor.id);
        case 'handed':
          return t.work.assignedHanded(assignee ?? '', previousAssignee);
        case 'returned':
          return t.work.assignedReturned(teamLabel(t, team), previousAssignee);
      }
      break;
    }
    case 'NoteAdded':
      // The timeline shows a note whole; a one-line summary (the audit view's list, exports) shortens it.
      return shorten(event.data.text);
    case 'EffectFailed':
      return shorten(
        `${event.data.effect} (${fieldLabel(t, 'causedBySeq')} ${event.data.causedBySeq}): ${event.data.error}`,
      );
    default:
      // A notice's messages are read whole under "Messages sent", not squeezed into a line of the timeline.
      return shorten(
        describeEntries(t, event.data as Record<string, unknown>, ['policyVersion', 'messages'])
          .map(([label, text]) => `${label}: ${text}`)
          .join(' · '),
      );
  }
}
