import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, type CaseSummary, type Team } from '../api';
import { useApp } from '../context';
import { errorText } from '../hooks';
import { statusLabel, teamLabel, trackLabel, valueLabel } from '../i18n';
import { formatDateTime, formatDeadline } from '../oslo-time';
import { caseHref } from '../router';
import { ageInDays, ageStartOf } from '../work';

/** How a status feels: still being handled, waiting on someone, ended well, ended otherwise, needs attention. */
export type Tone = 'active' | 'waiting' | 'granted' | 'ended' | 'alert';

const TONES: Record<string, Tone> = {
  lodged: 'active',
  'awaiting-collective-assessment': 'waiting',
  'collective-protection-granted': 'granted',
  'individual-assessment': 'active',
  'dublin-procedure': 'waiting',
  'interview-scheduled': 'active',
  'awaiting-decision': 'waiting',
  'protection-granted': 'granted',
  rejected: 'alert',
  'appeal-reconsideration': 'waiting',
  'at-une': 'waiting',
  'departure-pending': 'alert',
  enforcement: 'alert',
  departed: 'ended',
  withdrawn: 'ended',
  dismissed: 'ended',
  transferred: 'ended',
};

export const toneOf = (status: string): Tone => TONES[status] ?? 'active';

export const TONE_COLORS: Record<Tone, string> = {
  active: '#2f6db5',
  waiting: '#b7791f',
  granted: '#2f855a',
  ended: '#6b7280',
  alert: '#c53030',
};

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const { t } = useApp();
  return (
    <span class={`badge tone-${toneOf(status)}`} data-testid={testId} data-status={status}>
      {statusLabel(t, status)}
    </span>
  );
}

export function TrackBadge({ track, testId }: { track: string; testId?: string }) {
  const { t } = useApp();
  return (
    <span class={`badge track track-${track}`} data-testid={testId} data-track={track}>
      {trackLabel(t, track)}
    </span>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <p class="loading" role="status">
      {t.common.loading}
    </p>
  );
}

export function ErrorMessage({ children, onRetry }: { children: ComponentChildren; onRetry?: () => void }) {
  const { t } = useApp();
  return (
    <div class="alert alert-error" role="alert">
      <p>{children}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}

/** A case that could not be loaded: "not found" for a 404, otherwise the error with a retry. */
export function CaseLoadFailure({
  error,
  notFound,
  notFoundTestId,
  onRetry,
}: {
  error: unknown;
  notFound: string;
  notFoundTestId: string;
  onRetry: () => void;
}) {
  const { t } = useApp();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div class="alert alert-error" role="alert" data-testid={notFoundTestId}>
        <p>{notFound}</p>
      </div>
    );
  }
  return <ErrorMessage onRetry={onRetry}>{errorText(t, error)}</ErrorMessage>;
}

/** A deadline in Oslo time: "by the end of 3 Mar 2025" for the usual end-of-day deadline, else "by" the instant. */
export function DeadlineText({ dueAt }: { dueAt: string }) {
  const { t } = useApp();
  return (
    <time dateTime={dueAt} title={formatDateTime(dueAt, t.locale)}>
      {formatDeadline(dueAt, t.locale)}
    </time>
  );
}

/** A deadline in words: an end-of-day deadline as the end of its last day, any other as its Oslo time. */
export type SummaryColumn =
  | 'status'
  | 'track'
  | 'homeOblast'
  | 'interviewPriority'
  | 'nextDeadline'
  | 'startedAt'
  | 'workItems'
  | 'team'
  | 'age'
  | 'assignedTo'
  | 'name'
  | 'lodgedAt';

/** The columns a case list can be ordered by, and the API's `sort` key for each (issue 15, point 8). */
export const SORT_KEYS: Partial<Record<SummaryColumn | 'duf', string>> = {
  duf: 'dufNumber',
  name: 'name',
  lodgedAt: 'lodgedAt',
  nextDeadline: 'nextDeadline',
};

/** A list's order and how to change it; `sort` as the API takes it (`-` for descending). */
export interface Sorting {
  sort: string | undefined;
  onSort: (sort: string) => void;
}

/** A column's header: a button that orders by it when the list can be ordered so, its state in `aria-sort`. */
function ColumnHeader({
  column,
  label,
  sorting,
}: {
  column: SummaryColumn | 'duf';
  label: string;
  sorting?: Sorting;
}) {
  const key = SORT_KEYS[column];
  if (!sorting || !key) return <th scope="col">{label}</th>;
  const state =
    sorting.sort === key ? 'ascending' : sorting.sort === `-${key}` ? 'descending' : ('none' as const);
  return (
    <th scope="col" aria-sort={state}>
      <button
        type="button"
        class="sort-button"
        data-testid={`sort-${key}`}
        onClick={() => sorting.onSort(state === 'ascending' ? `-${key}` : key)}
      >
        {label}
        <span aria-hidden="true">{state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}

/** What a case waits for someone to do, one badge each (nothing when it waits for nobody). */
export function WorkItemBadges({ items, testId }: { items: readonly string[]; testId?: string }) {
  const { t } = useApp();
  if (items.length === 0) return null;
  return (
    <ul class="work-items" data-testid={testId} aria-label={t.columns.workItems}>
      {items.map((item) => (
        <li key={item} class="badge tone-waiting" data-work-item={item}>
          {valueLabel(t, item)}
        </li>
      ))}
    </ul>
  );
}

/** A table of case summaries (no personal data), each DUF number a link to the case. */
export function CaseTable({
  items,
  caption,
  columns,
  testId,
  teams,
  actions,
  sorting,
}: {
  items: CaseSummary[];
  caption: ComponentChildren;
  columns: SummaryColumn[];
  testId: string;
  /** The configured teams, for their names in the team column. */
  teams?: readonly Team[];
  /** A last column of what can be done with each case, e.g. "Take". */
  actions?: { header: string; render: (item: CaseSummary) => ComponentChildren };
  /** Headers that order the list, where the list can be ordered. */
  sorting?: Sorting;
}) {
  const { t } = useApp();
  return (
    <div class="table-wrap">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <ColumnHeader column="duf" label={t.columns.duf} sorting={sorting} />
            {columns.map((column) => (
              <ColumnHeader key={column} column={column} label={t.columns[column]} sorting={sorting} />
            ))}
            {actions && <th scope="col">{actions.header}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.dufNumber} data-testid={`case-row-${item.dufNumber}`}>
              <th scope="row">
                <a href={caseHref(item.dufNumber)} data-testid={`case-link-${item.dufNumber}`}>
                  {item.dufNumber}
                </a>
              </th>
              {columns.map((column) => (
                <td key={column}>
                  <SummaryCell item={item} column={column} teams={teams} />
                </td>
              ))}
              {actions && <td class="row-actions">{actions.render(item)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SummaryCell({
  item,
  column,
  teams,
}: {
  item: CaseSummary;
  column: SummaryColumn;
  teams?: readonly Team[];
}) {
  const { t } = useApp();
  switch (column) {
    case 'status':
      return (
        <>
          <StatusBadge status={item.status} />
          {item.closed && <span class="muted"> ({t.columns.closed.toLowerCase()})</span>}
        </>
      );
    case 'track':
      return <TrackBadge track={item.track} />;
    case 'homeOblast':
      return <>{item.homeOblast}</>;
    case 'interviewPriority':
      return <>{item.interviewPriority ? t.common.yes : t.common.no}</>;
    case 'nextDeadline':
      return item.nextDeadline ? <DeadlineText dueAt={item.nextDeadline} /> : <>{t.common.none}</>;
    case 'startedAt':
      return <time dateTime={item.startedAt}>{formatDateTime(item.startedAt, t.locale)}</time>;
    case 'workItems':
      // A newer API may not send them; an older one did not.
      return <WorkItemBadges items={item.workItems ?? []} />;
    case 'team':
      return <>{item.team ? teamLabel(t, item.team, teams) : t.common.none}</>;
    case 'age': {
      const since = ageStartOf(item);
      const days = ageInDays(since);
      return days === null ? (
        <>{t.common.none}</>
      ) : (
        <span data-age-days={days} title={formatDateTime(since, t.locale)}>
          {t.work.ageDays(days)}
        </span>
      );
    }
    case 'assignedTo':
      return <>{item.assignedTo ?? t.common.none}</>;
    case 'name':
      // A case the person index does not hold (started past the API, before `saksflyt cases reindex`).
      return <>{item.name ?? t.caseList.unnamed}</>;
    case 'lodgedAt':
      return item.lodgedAt ? (
        <time dateTime={item.lodgedAt}>{formatDateTime(item.lodgedAt, t.locale)}</time>
      ) : (
        <>{t.common.none}</>
      );
  }
}

/** A card with its heading, labelled by it. */
export function Section({
  id,
  title,
  testId,
  children,
  wide,
}: {
  id: string;
  title: string;
  testId: string;
  children: ComponentChildren;
  wide?: boolean;
}) {
  return (
    <section class={wide ? 'card wide' : 'card'} aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A definition list of facts; an entry with a key gets `data-testid="fact-<key>"`. */
export function Dl({
  entries,
  testId,
}: {
  entries: [label: string, content: ComponentChildren, key?: string][];
  testId?: string;
}) {
  return (
    <dl class="facts" data-testid={testId}>
      {entries.map(([label, content, key]) => (
        <div key={key ?? label} class="fact" data-testid={key ? `fact-${key}` : undefined}>
          <dt>{label}</dt>
          <dd>{content}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Marks an internal note: on the record, never in a message to the applicant. */
export function InternalNoteBadge() {
  const { t } = useApp();
  return (
    <span class="badge internal-note-badge" data-testid="internal-note-badge">
      {t.work.internalNote}
    </span>
  );
}

/** The ids a form control is described by: its hint, whatever else it names, and its error only while there is one. */
export function describedByOf(
  id: string,
  { hint, error, also = [] }: { hint?: boolean; error?: unknown; also?: string[] },
): string | undefined {
  const ids = [...(hint ? [`${id}-hint`] : []), ...also, ...(error ? [`${id}-error`] : [])];
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/**
 * A labelled form control with its hint above and its error below, as the ids `describedByOf` names them:
 * `<id>-hint` and `<id>-error`. `children` is the control itself, which must have `id` and its own
 * `aria-describedby`; anything after it (e.g. a counter) comes with it.
 */
export function Field({
  id,
  label,
  hint,
  hintClass = 'hint',
  error,
  errorTestId,
  children,
}: {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  hintClass?: string;
  error?: string;
  errorTestId?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <span class={hintClass} id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
      <FieldError id={`${id}-error`} testId={errorTestId} message={error} />
    </div>
  );
}

/** The message under a field that the form refused; nothing while there is none. */
export function FieldError({ id, testId, message }: { id: string; testId?: string; message?: string }) {
  if (!message) return null;
  return (
    <p class="field-error" id={id} data-testid={testId}>
      {message}
    </p>
  );
}

/** A form's primary button: disabled, and saying so, while the form is being sent, so it is not sent twice. */
export function SubmitButton({
  label,
  busy,
  busyLabel,
  testId,
}: {
  label: string;
  busy: boolean;
  busyLabel: string;
  testId?: string;
}) {
  return (
    <div class="form-actions">
      <button type="submit" class="button primary" data-testid={testId} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

/**
 * A compact table of figures: its caption for screen readers only (the heading or figure above says it), a header
 * row whose numeric columns align right like the figures under them, and the rows the caller draws.
 */
export function FiguresTable({
  testId,
  caption,
  columns,
  children,
}: {
  testId: string;
  caption: string;
  /** None for a table whose rows say what they are, e.g. one figure per band. */
  columns?: { label: ComponentChildren; numeric?: boolean }[];
  children: ComponentChildren;
}) {
  return (
    <table class="compact" data-testid={testId}>
      <caption class="visually-hidden">{caption}</caption>
      {columns && (
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" class={column.numeric ? 'numeric' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>{children}</tbody>
    </table>
  );
}

/**
 * A modal `<dialog>` shown while the component is mounted: the focus moves into it, Escape answers "no", and the page
 * behind is inert until it is answered. Returns the ref for the `<dialog>` element.
 */
export function useModalDialog(onAnswer: (go: boolean) => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  const answer = useRef(onAnswer);
  answer.current = onAnswer;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const onCancel = (event: Event) => {
      event.preventDefault();
      answer.current(false);
    };
    element.addEventListener('cancel', onCancel);
    if (!element.open) element.showModal();
    return () => {
      element.removeEventListener('cancel', onCancel);
      if (element.open) element.close();
    };
  }, []);
  return dialog;
}

/** The summary above a form that was refused: how many fields to fix, or the server's refusal and its general issues. */
export function FormErrors({
  count,
  fromServer,
  general,
}: {
  count: number;
  fromServer: boolean;
  general: readonly string[];
}) {
  const { t } = useApp();
  if (count === 0) return null;
  return (
    <div class="form-errors" role="alert" tabIndex={-1} data-testid="form-errors">
      <p>{fromServer ? t.form.rejected(general.length > 0) : t.form.fixErrors(count)}</p>
      {general.length > 0 && (
        <ul data-testid="form-errors-general">
          {general.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
