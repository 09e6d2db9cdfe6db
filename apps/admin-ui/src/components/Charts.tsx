import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only what the charts here use (bars, doughnuts, lines), so the rest of Chart.js stays out of the bundle.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  DoughnutController,
  ArcElement,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

export interface ChartDatum {
  label: string;
  value: number;
  color: string;
}

/** A chart drawn on a canvas; `summary` is its text for screen readers (the page also shows the numbers as a table). */
function ChartCanvas({
  config,
  summary,
  testId,
}: {
  config: ChartConfiguration;
  summary: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const serialized = JSON.stringify(config.data);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
    // Redraw only when the data or labels change, not on every render.
  }, [serialized, config.type]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={summary} data-testid={testId}>
        {summary}
      </canvas>
    </div>
  );
}

export function BarChart({
  data,
  summary,
  testId,
  axisLabel,
}: {
  data: ChartDatum[];
  summary: string;
  testId: string;
  axisLabel: string;
}) {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: data.map((datum) => datum.label),
      datasets: [
        {
          label: axisLabel,
          data: data.map((datum) => datum.value),
          backgroundColor: data.map((datum) => datum.color),
          borderRadius: 3,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
  return <ChartCanvas config={config as ChartConfiguration} summary={summary} testId={testId} />;
}

export function DoughnutChart({
  data,
  summary,
  testId,
}: {
  data: ChartDatum[];
  summary: string;
  testId: string;
}) {
  const config: ChartConfiguration<'doughnut'> = {
    type: 'doughnut',
    data: {
      labels: data.map((datum) => datum.label),
      datasets: [
        { data: data.map((datum) => datum.value), backgroundColor: data.map((datum) => datum.color) },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: 'bottom' } },
    },
  };
  return <ChartCanvas config={config as ChartConfiguration} summary={summary} testId={testId} />;
}

/** One series of a chart with several: its name, colour and a value per label (null: no value, a gap). */
export interface Series {
  label: string;
  color: string;
  values: (number | null)[];
}

/** Several series over the same labels: grouped vertical bars, or lines (a value per week, say). */
export function SeriesChart({
  kind,
  labels,
  series,
  summary,
  testId,
  axisLabel,
}: {
  kind: 'bar' | 'line';
  labels: string[];
  series: Series[];
  summary: string;
  testId: string;
  axisLabel: string;
}) {
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: kind,
    data: {
      labels,
      datasets: series.map((one) => ({
        label: one.label,
        data: one.values,
        backgroundColor: one.color,
        borderColor: one.color,
        ...(kind === 'line' ? { pointRadius: 2, borderWidth: 2, tension: 0.2 } : { borderRadius: 3 }),
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: 'bottom' } },
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: axisLabel } },
      },
    },
  };
  return <ChartCanvas config={config as ChartConfiguration} summary={summary} testId={testId} />;
}
