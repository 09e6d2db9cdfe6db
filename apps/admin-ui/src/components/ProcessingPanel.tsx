import type { ComponentChildren } from 'preact';
import { AGE_BANDS, type ProcessingStats } from '../api';
import { useApp } from '../context';
import { errorText, useAsync, type AsyncState } from '../hooks';
import { trackLabel } from '../i18n';
import { formatDateTime } from '../oslo-time';
import { seriesSummary, weekLabel } from '../stats';
import { SeriesChart, type Series } from './Charts';
import { ErrorMessage, FiguresTable, Loading } from './common';

/** The period the panel covers: half a year of weeks, enough to see a trend and cheap to compute. */
const WEEKS = 26;

/** Loads the panel's numbers; called by the dashboard at once, beside its own, so neither waits for the other. */
export function useProcessingStats(): [AsyncState<ProcessingStats>, () => void] {
  const { api } = useApp();
  const [state, reload] = useAsync(() => api.processingStats(WEEKS), [api]);
  return [state, reload];
}

const COLORS = {
  median: '#2f6db5',
  p90: '#b7791f',
  band: '#6b46c1',
  lodged: '#2f6db5',
  decided: '#2f855a',
  closed: '#59606b',
};

/**
 * "Processing times and backlog" (issue 14): median and 90th percentile days from lodging to the first-instance
 * decision and to closing per track, the open cases by age, and the flow per week. Its numbers load apart from the
 * dashboard's own, so an API without the statistics leaves the rest of the dashboard as it was.
 */
export function ProcessingPanel({
  state,
  reload,
}: {
  state: AsyncState<ProcessingStats>;
  reload: () => void;
}) {
  const { t } = useApp();
  return (
    <section class="card processing-panel" aria-labelledby="processing-title" data-testid="processing-panel">
      <h2 id="processing-title">{t.stats.title}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage onRetry={reload}>{errorText(t, state.error)}</ErrorMessage>}
      {state.status === 'done' && <ProcessingCharts stats={state.data} />}
    </section>
  );
}

function ProcessingCharts({ stats }: { stats: ProcessingStats }) {
  const { t } = useApp();
  const days = (value: number) => t.stats.daysValue(value);
  const count = (value: number) => String(value);
  const tracks = stats.tracks.map((row) => trackLabel(t, row.track));
  const durationSeries = (pick: 'toDecision' | 'toClosing'): Series[] => [
    { label: t.stats.median, color: COLORS.median, values: stats.tracks.map((row) => row[pick].medianDays) },
    { label: t.stats.p90, color: COLORS.p90, values: stats.tracks.map((row) => row[pick].p90Days) },
  ];
  const bands = AGE_BANDS.map((band) => t.stats.band[band]);
  const bandSeries: Series[] = [
    {
      label: t.stats.cases,
      color: COLORS.band,
      values: AGE_BANDS.map((band) => stats.openByAge.find((row) => row.band === band)?.cases ?? 0),
    },
  ];
  const weeks = stats.perWeek.map((row) => weekLabel(row.weekStart, t.locale));
  const weekSeries: Series[] = [
    { label: t.stats.lodged, color: COLORS.lodged, values: stats.perWeek.map((row) => row.lodged) },
    { label: t.stats.decided, color: COLORS.decided, values: stats.perWeek.map((row) => row.decided) },
    { label: t.stats.closed, color: COLORS.closed, values: stats.perWeek.map((row) => row.closed) },
  ];

  return (
    <>
      <p class="muted" data-testid="processing-as-of" data-as-of={stats.asOf}>
        {t.stats.intro(stats.weeks, formatDateTime(stats.asOf, t.locale))}
      </p>
      <div class="processing-grid">
        {(['toDecision', 'toClosing'] as const).map((pick) => {
          const title = pick === 'toDecision' ? t.stats.toDecision : t.stats.toClosing;
          return (
            <ChartFigure
              key={pick}
              kind="bar"
              title={title}
              testId={pick === 'toDecision' ? 'chart-to-decision' : 'chart-to-closing'}
              labels={tracks}
              series={durationSeries(pick)}
              format={days}
              axisLabel={t.stats.days}
              columns={[
                { label: t.columns.track },
                { label: t.stats.cases, numeric: true },
                { label: t.stats.median, numeric: true },
                { label: t.stats.p90, numeric: true },
              ]}
            >
              {stats.tracks.map((row) => (
                <tr key={row.track}>
                  <th scope="row">{trackLabel(t, row.track)}</th>
                  <td class="numeric">{row[pick].cases}</td>
                  <td class="numeric">{t.stats.daysValue(row[pick].medianDays)}</td>
                  <td class="numeric">{t.stats.daysValue(row[pick].p90Days)}</td>
                </tr>
              ))}
            </ChartFigure>
          );
        })}
        <ChartFigure
          kind="bar"
          title={t.stats.openByAge}
          testId="chart-open-by-age"
          labels={bands}
          series={bandSeries}
          format={count}
          axisLabel={t.stats.cases}
        >
          {AGE_BANDS.map((band, index) => (
            <tr key={band} data-testid={`age-band-${band}`}>
              <th scope="row">{t.stats.band[band]}</th>
              <td class="numeric">{bandSeries[0]?.values[index]}</td>
            </tr>
          ))}
        </ChartFigure>
        <ChartFigure
          kind="line"
          title={t.stats.perWeek}
          testId="chart-per-week"
          labels={weeks}
          series={weekSeries}
          format={count}
          axisLabel={t.stats.cases}
          columns={[
            { label: t.stats.weekStarting },
            { label: t.stats.lodged, numeric: true },
            { label: t.stats.decided, numeric: true },
            { label: t.stats.closed, numeric: true },
          ]}
        >
          {stats.perWeek.map((row, index) => (
            <tr key={row.weekStart}>
              <th scope="row">{weeks[index]}</th>
              <td class="numeric">{row.lodged}</td>
              <td class="numeric">{row.decided}</td>
              <td class="numeric">{row.closed}</td>
            </tr>
          ))}
        </ChartFigure>
      </div>
    </>
  );
}

/**
 * One chart of the panel under its caption, and the same numbers as a table behind "Show the numbers", for those
 * who cannot see the chart or want the exact figures. `children` are the table's rows; the chart's test id names
 * the figure (`<testId>-figure`) and the table (`<testId>-table`) too.
 */
function ChartFigure({
  kind,
  title,
  testId,
  labels,
  series,
  format,
  axisLabel,
  columns,
  children,
}: {
  kind: 'bar' | 'line';
  title: string;
  testId: string;
  labels: string[];
  series: Series[];
  /** How a value reads in the chart's summary for screen readers, e.g. "12 days". */
  format: (value: number) => string;
  axisLabel: string;
  columns?: { label: string; numeric?: boolean }[];
  children: ComponentChildren;
}) {
  const { t } = useApp();
  return (
    <figure class="processing-figure" data-testid={`${testId}-figure`}>
      <figcaption>{title}</figcaption>
      <SeriesChart
        kind={kind}
        labels={labels}
        series={series}
        summary={t.stats.chartSummary(seriesSummary(labels, series, format))}
        testId={testId}
        axisLabel={axisLabel}
      />
      <details>
        <summary>{t.stats.showNumbers}</summary>
        <FiguresTable testId={`${testId}-table`} caption={title} columns={columns}>
          {children}
        </FiguresTable>
      </details>
    </figure>
  );
}
