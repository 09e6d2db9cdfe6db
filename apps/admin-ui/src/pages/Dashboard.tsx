import { CaseStatus, CaseTrack, WorkItem } from '../domain';
import type { Dashboard } from '../api';
import { BarChart, DoughnutChart, type ChartDatum } from '../components/Charts';
import { CaseTable, ErrorMessage, Loading, TONE_COLORS, toneOf } from '../components/common';
import { PolicyReviewPanel } from '../components/PolicyReview';
import { ProcessingPanel, useProcessingStats } from '../components/ProcessingPanel';
import { useApp } from '../context';
import { errorText, useAsync, useTitle } from '../hooks';
import { statusLabel, trackLabel, valueLabel, type WorkList } from '../i18n';
import { osloDateEndingAt } from '../oslo-time';
import { hrefOf } from '../router';

const TRACK_COLORS: Record<string, string> = {
  undetermined: '#9ca3af',
  collective: '#2f855a',
  individual: '#2f6db5',
  dublin: '#b7791f',
};

export function DashboardPage() {
  const { t, api } = useApp();
  useTitle(t.dashboard.title, t.app.name);
  const [state, reload] = useAsync(() => api.dashboard(), [api]);
  const [processing, reloadProcessing] = useProcessingStats();

  return (
    <>
      <h1 tabIndex={-1}>{t.dashboard.title}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage onRetry={reload}>{errorText(t, state.error)}</ErrorMessage>}
      {state.status === 'done' && (
        <>
          <WorkLists dashboard={state.data} />
          <PolicyReviewPanel />
          <div class="dashboard-charts">
            <section class="card" aria-labelledby="by-status-title" data-testid="dashboard-by-status">
              <h2 id="by-status-title">{t.dashboard.byStatus}</h2>
              <CountChart
                kind="bar"
                entries={CaseStatus.options.map((status) => ({
                  key: status,
                  label: statusLabel(t, status),
                  value: state.data.byStatus[status] ?? 0,
                  color: TONE_COLORS[toneOf(status)],
                  href: hrefOf({ name: 'cases', query: { status } }),
                }))}
                testId="chart-by-status"
                caption={t.dashboard.byStatus}
                header={t.columns.status}
              />
            </section>
            <section class="card" aria-labelledby="by-track-title" data-testid="dashboard-by-track">
              <h2 id="by-track-title">{t.dashboard.byTrack}</h2>
              <CountChart
                kind="doughnut"
                entries={CaseTrack.options.map((track) => ({
                  key: track,
                  label: trackLabel(t, track),
                  value: state.data.byTrack[track] ?? 0,
                  color: TRACK_COLORS[track] ?? '#9ca3af',
                  href: hrefOf({ name: 'cases', query: { track } }),
                }))}
                testId="chart-by-track"
                caption={t.dashboard.byTrack}
                header={t.columns.track}
              />
            </section>
          </div>
          <ProcessingPanel state={processing} reload={reloadProcessing} />
          <section class="card" aria-labelledby="deadlines-title" data-testid="dashboard-deadlines">
            <h2 id="deadlines-title">{t.dashboard.deadlinesTitle}</h2>
            <p class="muted">{t.dashboard.deadlinesIntro}</p>
            {state.data.deadlinesDue.length === 0 ? (
              <p>{t.dashboard.deadlinesEmpty}</p>
            ) : (
              <CaseTable
                items={[...state.data.deadlinesDue].sort(
                  (a, b) => Date.parse(a.nextDeadline ?? '') - Date.parse(b.nextDeadline ?? ''),
                )}
                caption={<span class="visually-hidden">{t.dashboard.deadlinesTitle}</span>}
                columns={['nextDeadline', 'status', 'track']}
                testId="deadlines-table"
              />
            )}
          </section>
          <section class="card" aria-labelledby="priority-title" data-testid="dashboard-priority-queue">
            <h2 id="priority-title">{t.dashboard.priorityTitle}</h2>
            <p class="muted">{t.dashboard.priorityIntro}</p>
            {state.data.interviewPriorityQueue.length === 0 ? (
              <p>{t.dashboard.priorityEmpty}</p>
            ) : (
              <CaseTable
                items={state.data.interviewPriorityQueue}
                caption={<span class="visually-hidden">{t.dashboard.priorityTitle}</span>}
                columns={['status', 'homeOblast', 'startedAt']}
                testId="priority-table"
              />
            )}
          </section>
        </>
      )}
    </>
  );
}

/**
 * What waits for someone at UDI: a count per work item, and the Dublin requests whose last day is near; each row
 * links to the case list filtered the same way, so the list shows the cases counted.
 */
function WorkLists({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useApp();
  // An older API sends no work lists: show none rather than zeros.
  const byWorkItem: Partial<Record<WorkItem, number>> = dashboard.byWorkItem ?? {};
  const dublinDate = dashboard.dublinRequestsDue && osloDateEndingAt(dashboard.dublinRequestsDue.before);
  const rows: { key: WorkList; label: string; count: number; href: string }[] = [
    ...WorkItem.options.map((workItem) => ({
      key: workItem,
      label: valueLabel(t, workItem),
      count: byWorkItem[workItem] ?? 0,
      href: hrefOf({ name: 'cases', query: { workItem } }),
    })),
    ...(dashboard.dublinRequestsDue && dublinDate
      ? [
          {
            key: 'dublin-request-due' as const,
            label: t.dashboard.dublinRequestsDue,
            count: dashboard.dublinRequestsDue.count,
            href: hrefOf({ name: 'cases', query: { dublinRequestDueBefore: dublinDate } }),
          },
        ]
      : []),
  ];
  return (
    <section class="card" aria-labelledby="work-title" data-testid="dashboard-work">
      <h2 id="work-title">{t.dashboard.workTitle}</h2>
      <p class="muted">{t.dashboard.workIntro}</p>
      {rows.every((row) => row.count === 0) && <p data-testid="work-empty">{t.dashboard.workEmpty}</p>}
      <div class="table-wrap">
        <table class="compact work-list" data-testid="work-list-table">
          <caption class="visually-hidden">{t.dashboard.workTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.dashboard.workColumn}</th>
              <th scope="col" class="numeric">
                {t.dashboard.count}
              </th>
              <th scope="col">{t.dashboard.workHintColumn}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-testid={`work-${row.key}`} data-count={row.count}>
                <th scope="row">
                  <a href={row.href} data-testid={`work-link-${row.key}`}>
                    {row.label}
                  </a>
                </th>
                <td class="numeric" data-testid={`work-count-${row.key}`}>
                  {row.count}
                </td>
                <td class="hint-cell">{t.dashboard.workHint[row.key]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface CountEntry extends ChartDatum {
  key: string;
  href: string;
}

/** A chart and the same numbers as a table, each row a link to the filtered case list. */
function CountChart({
  kind,
  entries,
  testId,
  caption,
  header,
}: {
  kind: 'bar' | 'doughnut';
  entries: CountEntry[];
  testId: string;
  caption: string;
  header: string;
}) {
  const { t } = useApp();
  const total = entries.reduce((sum, entry) => sum + entry.value, 0);
  const summary = t.dashboard.chartSummary(
    `${entries
      .filter((entry) => entry.value > 0)
      .map((entry) => `${entry.label} ${entry.value}`)
      .join(', ')}. ${t.dashboard.total(total)}.`,
  );
  return (
    <div class={`count-chart count-chart-${kind}`}>
      {kind === 'bar' ? (
        <BarChart data={entries} summary={summary} testId={testId} axisLabel={t.dashboard.count} />
      ) : (
        <DoughnutChart data={entries} summary={summary} testId={testId} />
      )}
      <div class="table-wrap">
        <table class="compact" data-testid={`${testId}-table`}>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{header}</th>
              <th scope="col" class="numeric">
                {t.dashboard.count}
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.key} data-testid={`count-${entry.key}`}>
                <th scope="row">
                  <span class="swatch" aria-hidden="true" style={{ background: entry.color }} />
                  <a href={entry.href}>{entry.label}</a>
                </th>
                <td class="numeric">{entry.value}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.dashboard.totalLabel}</th>
              <td class="numeric">{total}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
