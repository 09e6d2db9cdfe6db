import { AGE_BANDS, type ProcessingStats } from '../api';
import { useApp } from '../context';
import { errorText, useAsync, type AsyncState } from '../hooks';
import { trackLabel } from '../i18n';
import { formatDateTime } from '../oslo-time';
import { seriesSummary, weekLabel } from '../stats';
import { SeriesChart, type Series } from './Charts';
import { ErrorMessage, Loading } from './common';

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
          const series = durationSeries(pick);
          const title = pick === 'toDecision' ? t.stats.toDecision : t.stats.toClosing;
          const testId = pick === 'toDecision' ? 'chart-to-decision' : 'chart-to-closing';
          return (
            <figure key={pick} class="processing-figure" data-testid={`${testId}-figure`}>
              <figcaption>{title}</figcaption>
              <SeriesChart
                kind="bar"
                labels={tracks}
                series={series}
                summary={t.stats.chartSummary(seriesSummary(tracks, series, days))}
                testId={testId}
                axisLabel={t.stats.days}
              />
              <details>
                <summary>{t.stats.showNumbers}</summary>
                <table class="compact" data-testid={`${testId}-table`}>
                  <caption class="visually-hidden">{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.columns.track}</th>
                      <th scope="col" class="numeric">
                        {t.stats.cases}
                      </th>
                      <th scope="col" class="numeric">
                        {t.stats.median}
                      </th>
                      <th scope="col" class="numeric">
                        {t.stats.p90}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.tracks.map((row) => (
                      <tr key={row.track}>
                        <th scope="row">{trackLabel(t, row.track)}</th>
                        <td class="numeric">{row[pick].cases}</td>
                        <td class="numeric">{t.stats.daysValue(row[pick].medianDays)}</td>
                        <td class="numeric">{t.stats.daysValue(row[pick].p90Days)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </figure>
          );
        })}
        <figure class="processing-figure" data-testid="chart-open-by-age-figure">
          <figcaption>{t.stats.openByAge}</figcaption>
          <SeriesChart
            kind="bar"
            labels={bands}
            series={bandSeries}
            summary={t.stats.chartSummary(seriesSummary(bands, bandSeries, count))}
            testId="chart-open-by-age"
            axisLabel={t.stats.cases}
          />
          <details>
            <summary>{t.stats.showNumbers}</summary>
            <table class="compact" data-testid="chart-open-by-age-table">
              <caption class="visually-hidden">{t.stats.openByAge}</caption>
              <tbody>
                {AGE_BANDS.map((band, index) => (
                  <tr key={band} data-testid={`age-band-${band}`}>
                    <th scope="row">{t.stats.band[band]}</th>
                    <td class="numeric">{bandSeries[0]?.values[index]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
        <figure class="processing-figure" data-testid="chart-per-week-figure">
          <figcaption>{t.stats.perWeek}</figcaption>
          <SeriesChart
            kind="line"
            labels={weeks}
            series={weekSeries}
            summary={t.stats.chartSummary(seriesSummary(weeks, weekSeries, count))}
            testId="chart-per-week"
            axisLabel={t.stats.cases}
          />
          <details>
            <summary>{t.stats.showNumbers}</summary>
            <table class="compact" data-testid="chart-per-week-table">
              <caption class="visually-hidden">{t.stats.perWeek}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.stats.weekStarting}</th>
                  <th scope="col" class="numeric">
                    {t.stats.lodged}
                  </th>
                  <th scope="col" class="numeric">
                    {t.stats.decided}
                  </th>
                  <th scope="col" class="numeric">
                    {t.stats.closed}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.perWeek.map((row, index) => (
                  <tr key={row.weekStart}>
                    <th scope="row">{weeks[index]}</th>
                    <td class="numeric">{row.lodged}</td>
                    <td class="numeric">{row.decided}</td>
                    <td class="numeric">{row.closed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      </div>
    </>
  );
}
