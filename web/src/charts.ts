// Charts for series payloads with Chart.js (tree-shaken: only line and bar): a line over days, bars
// over entities. Money metrics are formatted on the axis and in tooltips.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ChatPayload } from '../../src/server/chatProtocol.ts';
import { h } from './dom.ts';
import { formatValue } from './format.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

type Series = Extract<ChatPayload, { kind: 'series' }>;

const COLORS = ['#2f5bea', '#e8743b', '#19a979', '#945ecf', '#ed4a7b', '#13a4b4'];
const MONEY = new Set(['spend', 'revenue', 'cpa', 'cpl', 'cpc', 'cpm']);

function formatFor(metric: string): 'money' | 'percent' | 'ratio' | 'number' {
  if (MONEY.has(metric)) return 'money';
  if (metric === 'ctr' || metric === 'cvr') return 'percent';
  if (metric === 'roas') return 'ratio';
  return 'number';
}

const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 11" for an ISO day (the axis stays readable at a phone's width); other labels as given. */
function shortDate(x: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(x) ? dayLabel.format(new Date(`${x}T00:00:00Z`)) : x;
}

export function renderSeries(payload: Series): HTMLElement {
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': payload.title ?? `Chart of ${payload.metrics.join(', ')}`,
  });
  const figure = h(
    'figure',
    { class: 'chart' },
    payload.title ? h('figcaption', {}, payload.title) : null,
    h('div', { class: 'chart-box' }, canvas),
  );
  const first = payload.metrics[0] ?? '';
  const axisFormat = formatFor(first);
  new Chart(canvas, {
    type: payload.chart,
    data: {
      labels: payload.points.map((p) => shortDate(p.x)),
      datasets: payload.metrics.map((metric, i) => ({
        label: metric,
        data: payload.points.map((p) => p.values[metric] ?? null),
        borderColor: COLORS[i % COLORS.length],
        backgroundColor: COLORS[i % COLORS.length],
        tension: 0.25,
        pointRadius: payload.points.length > 40 ? 0 : 2,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: payload.metrics.length > 1 },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label}: ${formatValue(item.parsed.y, formatFor(String(item.dataset.label)), payload.currency)}`,
          },
        },
      },
      scales: {
        y: {
          beginAtZero: true,
          ticks: { callback: (v) => formatValue(Number(v), axisFormat, payload.currency) },
        },
        x: { ticks: { autoSkip: true, autoSkipPadding: 12, maxRotation: 0 } },
      },
    },
  });
  return figure;
}
