// The audit view of one case (auditors and admins): the timeline with a slider that folds the events in the
// browser with the domain's own `fold`, a diff between two moments, a replay against today's workflow code, the
// export as JSON or PDF, and where the record was read from (Temporal or the archive).
import { useMemo, useState } from 'preact/hooks';
import type { ExportFormat, RecordSource, ReplayReport } from '../api';
import {
  CaseLoadFailure,
  DeadlineText,
  Dl,
  ErrorMessage,
  InternalNoteBadge,
  Loading,
  Section,
  StatusBadge,
  TrackBadge,
} from '../components/common';
import { canAudit, useApp } from '../context';
import { fold, type CaseEvent, type CaseState } from '../domain';
import { exportFileName, saveBlob } from '../download';
import { formatValue, summarizeEvent } from '../format';
import { errorText, useAsync, useTitle } from '../hooks';
import { eventLabel, fieldLabel, roleLabel, valueLabel } from '../i18n';
import { formatDateTime } from '../oslo-time';
import { caseHref } from '../router';
import { diffStates, type DiffRow } from '../state-diff';

type Folded = { ok: true; state: CaseState | null } | { ok: false; error: string };

/** The case as it stood after event `seq`: every event up to it folded with the workflow's own `evolve`. */
function stateAfter(events: readonly CaseEvent[], seq: number): Folded {
  try {
    return { ok: true, state: fold(events.filter((event) => event.seq <= seq)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function AuditPage({ dufNumber }: { dufNumber: string }) {
  const { t, session } = useApp();
  useTitle(t.audit.title(dufNumber), t.app.name);
  if (!canAudit(session)) {
    return (
      <>
        <h1 tabIndex={-1}>{t.audit.title(dufNumber)}</h1>
        <div class="alert alert-warning" role="alert" data-testid="audit-not-allowed">
          <p>{t.audit.notAllowed}</p>
          <p>
            <a href={caseHref(dufNumber)}>{t.audit.backToCase}</a>
          </p>
        </div>
      </>
    );
  }
  return <AuditView dufNumber={dufNumber} />;
}

function AuditView({ dufNumber }: { dufNumber: string }) {
  const { t, api } = useApp();
  const [record, reload] = useAsync(() => api.caseEvents(dufNumber), [api, dufNumber]);

  return (
    <>
      <h1 tabIndex={-1}>{t.audit.title(dufNumber)}</h1>
      <div class="page-tools audit-header">
        <a href={caseHref(dufNumber)} data-testid="audit-back">
          {t.audit.backToCase}
        </a>
        {record.status === 'done' && <SourceBadge source={record.data.source} />}
      </div>
      {record.status === 'loading' && <Loading />}
      {record.status === 'error' && (
        <CaseLoadFailure
          error={record.error}
          notFound={t.audit.notFound(dufNumber)}
          notFoundTestId="audit-not-found"
          onRetry={reload}
        />
      )}
      {record.status === 'done' && <AuditRecord events={record.data.events} />}
      <Tools dufNumber={dufNumber} />
    </>
  );
}

function AuditRecord({ events }: { events: CaseEvent[] }) {
  const { t } = useApp();
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) {
    return (
      <p class="muted" data-testid="audit-no-events">
        {t.audit.noEvents}
      </p>
    );
  }
  return (
    <>
      <TimelineWithState events={events} last={last} />
      <StateDiff events={events} first={first} last={last} />
    </>
  );
}

function SourceBadge({ source }: { source: RecordSource }) {
  const { t } = useApp();
  return (
    <p class="audit-source">
      <span class="muted">{t.audit.sourceLabel}:</span>{' '}
      <span
        class={`badge ${source === 'archive' ? 'tone-waiting' : 'tone-active'}`}
        data-testid="audit-source"
        data-source={source}
        aria-describedby="audit-source-hint"
      >
        {t.audit.source[source]}
      </span>{' '}
      <span id="audit-source-hint" class="muted small">
        {t.audit.sourceHint[source]}
      </span>
    </p>
  );
}

function TimelineWithState({ events, last }: { events: CaseEvent[]; last: CaseEvent }) {
  const { t } = useApp();
  const total = events.length;
  // The position on the slider, 1 to the number of events; the last (the case as it is) to begin with.
  const [position, setPosition] = useState(total);
  const index = Math.min(Math.max(position, 1), total);
  const selected = events[index - 1] ?? last;
  const folded = useMemo(() => stateAfter(events, selected.seq), [events, selected.seq]);
  const positionText = t.audit.position(index, total, selected.seq, eventLabel(t, selected.type));
  const onSlide = (event: Event) => setPosition(Number((event.currentTarget as HTMLInputElement).value));

  return (
    <Section id="audit-timeline-title" title={t.audit.timelineTitle} testId="audit-timeline" wide>
      <div class="field audit-slider">
        <label for="audit-slider">{t.audit.sliderLabel}</label>
        <input
          id="audit-slider"
          type="range"
          data-testid="audit-slider"
          min={1}
          max={total}
          step={1}
          value={index}
          aria-valuetext={positionText}
          aria-describedby="audit-slider-hint"
          onInput={onSlide}
          onChange={onSlide}
        />
        <output for="audit-slider" data-testid="audit-position" data-seq={selected.seq}>
          {positionText}
        </output>
        <p id="audit-slider-hint" class="hint">
          {t.audit.sliderHint}
        </p>
      </div>
      <div class="audit-grid">
        <ol class="timeline audit-timeline" data-testid="audit-events">
          {events.map((event, at) => {
            const isSelected = at === index - 1;
            return (
              <li
                key={event.seq}
                class={`${isSelected ? 'selected' : at < index ? 'past' : 'later'}${event.type === 'NoteAdded' ? ' internal-note' : ''}`}
                data-testid={`audit-event-${event.seq}`}
                data-event-type={event.type}
                data-selected={isSelected ? 'true' : undefined}
                aria-current={isSelected ? 'step' : undefined}
              >
                <div class="event-head">
                  <span class="event-seq">#{event.seq}</span>
                  <strong class="event-type">{eventLabel(t, event.type)}</strong>
                  <time dateTime={event.at}>{formatDateTime(event.at, t.locale)}</time>
                  {isSelected && <span class="badge tone-active">{t.audit.selected}</span>}
                  {event.type === 'NoteAdded' && <InternalNoteBadge />}
                </div>
                <p class="event-actor">
                  {event.actor.id} ({roleLabel(t, event.actor.role)})
                </p>
                <p class="event-summary">{summarizeEvent(t, event)}</p>
                <button
                  type="button"
                  class="link-button"
                  aria-pressed={isSelected}
                  onClick={() => setPosition(at + 1)}
                >
                  {t.casePage.showStateAfter(event.seq)}
                </button>
              </li>
            );
          })}
        </ol>
        <StateAt seq={selected.seq} folded={folded} />
      </div>
    </Section>
  );
}

function StateAt({ seq, folded }: { seq: number; folded: Folded }) {
  const { t } = useApp();
  const state = folded.ok ? folded.state : null;
  return (
    <section
      class="audit-state"
      data-testid="audit-state"
      data-status={state?.status}
      data-seq={seq}
      aria-labelledby="audit-state-title"
    >
      <h3 id="audit-state-title">{t.audit.stateTitle(seq)}</h3>
      {!folded.ok ? (
        <div class="alert alert-error" role="alert" data-testid="audit-fold-error">
          <p>{t.audit.foldFailed(folded.error)}</p>
        </div>
      ) : state ? (
        <StateFacts state={state} />
      ) : (
        <p class="muted">{t.common.none}</p>
      )}
      <p class="muted small">{t.audit.stateNote}</p>
    </section>
  );
}

function StateFacts({ state }: { state: CaseState }) {
  const { t } = useApp();
  const yesNo = (value: boolean) => (value ? t.common.yes : t.common.no);
  const { decision, appeal, passport, workPermit } = state;
  return (
    <>
      <p class="case-header">
        <StatusBadge status={state.status} testId="audit-state-status" />
        <TrackBadge track={state.track} testId="audit-state-track" />
        {state.closed && (
          <span class="badge tone-ended" data-testid="audit-state-closed">
            {t.casePage.closedNote}
          </span>
        )}
      </p>
      <Dl
        entries={[
          [fieldLabel(t, 'lastEventSeq'), String(state.lastEventSeq), 'state-lastEventSeq'],
          [fieldLabel(t, 'updatedAt'), formatDateTime(state.updatedAt, t.locale), 'state-updatedAt'],
          [fieldLabel(t, 'decisionFinal'), yesNo(state.decisionFinal), 'state-decisionFinal'],
        ]}
      />

      <h4>{t.casePage.deadlinesTitle}</h4>
      {state.deadlines.length === 0 ? (
        <p class="muted" data-testid="audit-state-deadlines">
          {t.casePage.noDeadlines}
        </p>
      ) : (
        <ul data-testid="audit-state-deadlines">
          {[...state.deadlines]
            .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
            .map((deadline) => (
              <li key={deadline.kind} data-testid={`audit-deadline-${deadline.kind}`}>
                {valueLabel(t, deadline.kind)}: <DeadlineText dueAt={deadline.dueAt} />
              </li>
            ))}
        </ul>
      )}

      <h4>{t.casePage.passportTitle}</h4>
      <Dl
        entries={[
          [fieldLabel(t, 'kind'), valueLabel(t, passport.kind), 'state-passport-kind'],
          [fieldLabel(t, 'custody'), valueLabel(t, passport.custody), 'state-passport-custody'],
        ]}
      />

      <h4>{t.casePage.workPermitTitle}</h4>
      <Dl
        entries={[
          [fieldLabel(t, 'eligible'), yesNo(workPermit.eligible), 'state-workPermit-eligible'],
          [fieldLabel(t, 'status'), valueLabel(t, workPermit.status), 'state-workPermit-status'],
          ...(workPermit.reasons.length > 0
            ? [
                [
                  fieldLabel(t, 'reasons'),
                  formatValue(t, workPermit.reasons),
                  'state-workPermit-reasons',
                ] as Entry,
              ]
            : []),
          ...(workPermit.refusedFor && workPermit.refusedFor.length > 0
            ? [
                [
                  fieldLabel(t, 'refusedFor'),
                  formatValue(t, workPermit.refusedFor),
                  'state-workPermit-refusedFor',
                ] as Entry,
              ]
            : []),
        ]}
      />

      <h4>{fieldLabel(t, 'decision')}</h4>
      {decision ? (
        <Dl
          entries={[
            [fieldLabel(t, 'outcome'), valueLabel(t, decision.outcome), 'state-decision-outcome'],
            [fieldLabel(t, 'grounds'), decision.grounds, 'state-decision-grounds'],
            [fieldLabel(t, 'policyVersion'), decision.policyVersion, 'state-decision-policyVersion'],
            [
              fieldLabel(t, 'decidedAt'),
              formatDateTime(decision.decidedAt, t.locale),
              'state-decision-decidedAt',
            ],
            ...(decision.internalProtectionOblast
              ? [
                  [
                    fieldLabel(t, 'internalProtectionOblast'),
                    decision.internalProtectionOblast,
                    'state-decision-internalProtectionOblast',
                  ] as Entry,
                ]
              : []),
          ]}
        />
      ) : (
        <p class="muted" data-testid="audit-state-no-decision">
          {t.common.none}
        </p>
      )}

      <h4>{fieldLabel(t, 'appeal')}</h4>
      {appeal ? (
        <Dl
          entries={[
            [fieldLabel(t, 'against'), valueLabel(t, appeal.against), 'state-appeal-against'],
            [fieldLabel(t, 'lodgedAt'), formatDateTime(appeal.lodgedAt, t.locale), 'state-appeal-lodgedAt'],
            [
              fieldLabel(t, 'requestsSuspensiveEffect'),
              yesNo(appeal.requestsSuspensiveEffect),
              'state-appeal-requestsSuspensiveEffect',
            ],
            ...(appeal.reconsideration
              ? [
                  [
                    fieldLabel(t, 'reconsideration'),
                    formatValue(t, appeal.reconsideration),
                    'state-appeal-reconsideration',
                  ] as Entry,
                ]
              : []),
            ...(appeal.une
              ? [[fieldLabel(t, 'une'), formatValue(t, appeal.une), 'state-appeal-une'] as Entry]
              : []),
          ]}
        />
      ) : (
        <p class="muted" data-testid="audit-state-no-appeal">
          {t.common.none}
        </p>
      )}
    </>
  );
}

type Entry = [label: string, content: string, key: string];

function StateDiff({ events, first, last }: { events: CaseEvent[]; first: CaseEvent; last: CaseEvent }) {
  const { t } = useApp();
  // From the lodged application to the case as it is: every change the case has seen.
  const [from, setFrom] = useState(first.seq);
  const [to, setTo] = useState(last.seq);
  const result = useMemo(() => {
    const before = stateAfter(events, from);
    const after = stateAfter(events, to);
    if (!before.ok) return { ok: false as const, error: before.error };
    if (!after.ok) return { ok: false as const, error: after.error };
    return { ok: true as const, rows: diffStates(before.state, after.state) };
  }, [events, from, to]);

  const select = (id: string, label: string, value: number, onChange: (seq: number) => void) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        data-testid={id}
        value={String(value)}
        onChange={(event) => onChange(Number(event.currentTarget.value))}
      >
        {events.map((event) => (
          <option key={event.seq} value={String(event.seq)}>
            {t.audit.eventOption(event.seq, eventLabel(t, event.type))}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Section id="audit-diff-title" title={t.audit.diffTitle} testId="audit-diff-section" wide>
      <p class="muted">{t.audit.diffIntro}</p>
      <div class="diff-controls">
        {select('diff-from', t.audit.diffFrom, from, setFrom)}
        {select('diff-to', t.audit.diffTo, to, setTo)}
      </div>
      {!result.ok ? (
        <div class="alert alert-error" role="alert" data-testid="audit-diff-error">
          <p>{t.audit.foldFailed(result.error)}</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table
            class="diff-table"
            data-testid="audit-diff"
            data-from={from}
            data-to={to}
            data-count={result.rows.length}
          >
            <caption aria-live="polite">{t.audit.diffCaption(result.rows.length, from, to)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.audit.diffPath}</th>
                <th scope="col">{t.audit.diffBefore}</th>
                <th scope="col">{t.audit.diffAfter}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.length === 0 ? (
                <tr>
                  <td colSpan={3} class="muted" data-testid="audit-diff-empty">
                    {t.audit.diffEmpty}
                  </td>
                </tr>
              ) : (
                result.rows.map((row) => <DiffRowView key={row.path} row={row} />)
              )}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function DiffRowView({ row }: { row: DiffRow }) {
  const { t } = useApp();
  return (
    <tr data-testid={`diff-row-${row.path}`} data-change={row.change} class={`diff-${row.change}`}>
      <th scope="row">
        <code class="diff-path">{row.path}</code>
        <span class="diff-label muted small">
          {row.path
            .split('.')
            .map((segment) => fieldLabel(t, segment))
            .join(' › ')}{' '}
          ({t.audit.change[row.change]})
        </span>
      </th>
      <td>
        <DiffValue value={row.before} />
      </td>
      <td>
        <DiffValue value={row.after} />
      </td>
    </tr>
  );
}

/** A value of the diff: absent, an object or array as JSON, else as the UI shows it, with the raw value if it differs. */
function DiffValue({ value }: { value: unknown }) {
  const { t } = useApp();
  if (value === undefined) return <span class="muted">({t.audit.absent})</span>;
  // A list of values (allowed commands, work items) reads in words, the recorded JSON beside it as for one value.
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return (
      <>
        {value.length === 0 ? t.common.none : formatValue(t, value)}{' '}
        <code class="raw-value">{JSON.stringify(value)}</code>
      </>
    );
  }
  if (typeof value === 'object' && value !== null) {
    return <pre class="json-value">{JSON.stringify(value, null, 2)}</pre>;
  }
  const text = formatValue(t, value);
  return (
    <>
      {text}
      {typeof value === 'string' && text !== value && (
        <>
          {' '}
          <code class="raw-value">{value}</code>
        </>
      )}
    </>
  );
}

type ReplayState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'done'; report: ReplayReport }
  | { status: 'error'; error: unknown };

function Tools({ dufNumber }: { dufNumber: string }) {
  const { t, api, announce } = useApp();
  const [replay, setReplay] = useState<ReplayState>({ status: 'idle' });
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [exportError, setExportError] = useState<unknown>(undefined);

  // Passed: the case's history was replayed, and nothing diverged.
  const replayPassed = (report: ReplayReport) => report.failed.length === 0 && report.replayed > 0;
  const replayHeadline = (report: ReplayReport) =>
    replayPassed(report)
      ? t.audit.replayPassed(report.replayed)
      : report.failed.length > 0
        ? t.audit.replayFailed
        : t.audit.replayNothing;

  const runReplay = async () => {
    setReplay({ status: 'busy' });
    try {
      const report = await api.replay([dufNumber]);
      setReplay({ status: 'done', report });
      announce(replayHeadline(report));
    } catch (error) {
      setReplay({ status: 'error', error });
    }
  };

  const download = async (format: ExportFormat) => {
    setExporting(format);
    setExportError(undefined);
    try {
      const blob = await api.exportCase(dufNumber, format, t.lang);
      const fileName = exportFileName(dufNumber, format);
      saveBlob(blob, fileName);
      announce(t.audit.exported(fileName));
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  };

  return (
    <Section id="audit-tools-title" title={t.audit.toolsTitle} testId="audit-tools" wide>
      <div class="audit-tools">
        <div>
          <h3>{t.audit.replay}</h3>
          <p class="hint" id="audit-replay-hint">
            {t.audit.replayHint}
          </p>
          <button
            type="button"
            class="button primary"
            data-testid="audit-replay"
            aria-describedby="audit-replay-hint"
            disabled={replay.status === 'busy'}
            onClick={() => void runReplay()}
          >
            {replay.status === 'busy' ? t.audit.replaying : t.audit.replay}
          </button>
          {replay.status === 'done' && (
            <div
              class={`alert replay-result ${replayPassed(replay.report) ? 'alert-success' : 'alert-error'}`}
              role={replayPassed(replay.report) ? 'status' : 'alert'}
              data-testid="audit-replay-result"
              data-outcome={replayPassed(replay.report) ? 'passed' : 'failed'}
            >
              <p>
                <strong>{replayHeadline(replay.report)}</strong>
              </p>
              {replay.report.failed.map((failure) => (
                <div key={failure.dufNumber} data-testid={`audit-replay-failure-${failure.dufNumber}`}>
                  {failure.dufNumber !== dufNumber && <p>{failure.dufNumber}:</p>}
                  <pre class="replay-error" data-testid="audit-replay-error">
                    {failure.error}
                  </pre>
                </div>
              ))}
            </div>
          )}
          {replay.status === 'error' && (
            <div data-testid="audit-replay-problem">
              <ErrorMessage onRetry={() => void runReplay()}>{errorText(t, replay.error)}</ErrorMessage>
            </div>
          )}
        </div>
        <div>
          <h3>{t.audit.exportTitle}</h3>
          <p class="hint">{t.audit.exportHint}</p>
          <div class="form-actions">
            {(['json', 'pdf'] as const).map((format) => (
              <button
                key={format}
                type="button"
                class="button"
                data-testid={`audit-export-${format}`}
                disabled={exporting !== null}
                aria-busy={exporting === format}
                onClick={() => void download(format)}
              >
                {exporting === format
                  ? t.audit.exporting
                  : format === 'json'
                    ? t.audit.exportJson
                    : t.audit.exportPdf}
              </button>
            ))}
          </div>
          {exportError !== undefined && (
            <div data-testid="audit-export-error">
              <ErrorMessage>{errorText(t, exportError)}</ErrorMessage>
            </div>
          )}
        </div>
      </div>
    </Section>
  );
}
