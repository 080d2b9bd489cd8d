// Charts for series payloads with Chart.js (tree-shaken: only line and bar). Rules that keep a chart
// from misleading: measures of different units (money, percentages, ratios, counts) never share an
// axis — each unit gets its own chart; categories (campaigns, ad sets) are horizontal bars with every
// label shown; a sum with no value is 0 (no gap), a ratio with no denominator is left out and says
// "n/a"; a week or month the range covers only in part is drawn dashed, hollow and marked "partial".
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
import { formatDay, isIsoDay } from '../../src/display/dates.ts';
import {
  formatTick,
  formatUnit,
  isRatioMetric,
  metricName,
  metricUnit,
  type Unit,
} from '../../src/display/numbers.ts';
import type { ChatPayload } from '../../src/server/chatProtocol.ts';
import { h } from './dom.ts';

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

const COLORS = ['#2f5bea', '#d9622b', '#148a63', '#8a55c4', '#d43d6e', '#10879a'];
const UNIT_TITLES: Record<Unit, string> = {
  money: 'Money',
  percent: 'Percentages',
  ratio: 'Ratios',
  count: 'Counts',
};
/** Room per bar: every category label gets a line of its own. */
const BAR_ROW_PX = 28;

/** "Nov 11" for an ISO day (the axis stays readable at a phone's width); other labels as given. */
function shortLabel(x: string): string {
  return isIsoDay(x) ? formatDay(x, false) : x;
}

function unitOf(payload: Series, metric: string): Unit {
  return payload.units?.[metric] ?? metricUnit(metric);
}

/** The metrics grouped by unit, in the order they first appear. */
function byUnit(payload: Series): [Unit, string[]][] {
  const groups = new Map<Unit, string[]>();
  for (const m of payload.metrics) {
    const unit = unitOf(payload, m);
    groups.set(unit, [...(groups.get(unit) ?? []), m]);
  }
  return [...groups];
}

/** The theme's text and grid colours now in effect (the stylesheet's variables). */
function themeColors(): { text: string; grid: string } {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--text').trim() || '#1d2330',
    grid: style.getPropertyValue('--line').trim() || '#dde1e8',
  };
}

/**
 * Chart.js paints with the colours it was given, so a theme switch (the toggle sets data-theme on
 * <html>; with no choice stored the system's scheme applies) recolours every chart and redraws it.
 * Charts are found through Chart.instances when the theme changes: the listeners hold none of them.
 */
function recolorCharts(): void {
  const { text, grid } = themeColors();
  for (const chart of Object.values(Chart.instances)) {
    const options = chart.options;
    options.color = text;
    if (options.plugins?.legend?.labels) options.plugins.legend.labels.color = text;
    for (const scale of Object.values(options.scales ?? {})) {
      if (scale?.ticks) scale.ticks.color = text;
      if (scale?.grid) scale.grid.color = grid;
    }
    chart.update('none');
  }
}
new MutationObserver(recolorCharts).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', recolorCharts);

/**
 * Chart.js keeps every chart (and its canvas) in Chart.instances until destroy(). The chat log, an
 * answer's page and a reopened conversation replace their content, so in a tab kept open all day
 * every chart ever drawn stayed in memory. A chart is destroyed once its canvas, having been on the
 * page, has left it; one drawn before its figure is attached (every chart here) is left alone until
 * then. Pages are hidden, never detached, so a chart on another page is not removed.
 */
const shownCharts = new WeakSet<Chart>();
function releaseRemovedCharts(): void {
  for (const chart of Object.values(Chart.instances)) {
    if (chart.canvas.isConnected) shownCharts.add(chart);
    else if (shownCharts.has(chart)) chart.destroy();
  }
}
new MutationObserver(releaseRemovedCharts).observe(document.body, { childList: true, subtree: true });

/** One figure per unit; a caption names the partial buckets when there are any. */
export function renderSeries(payload: Series): HTMLElement {
  const groups = byUnit(payload);
  const wrap = h('div', { class: 'charts' });
  for (const [unit, metrics] of groups)
    wrap.append(renderOne(payload, unit, metrics, groups.length > 1 ? UNIT_TITLES[unit] : null));
  return wrap;
}

function renderOne(payload: Series, unit: Unit, metrics: string[], part: string | null): HTMLElement {
  const horizontal = payload.chart === 'bar';
  const title = [payload.title, part].filter(Boolean).join(' — ');
  const partial = payload.points.map((p) => p.partial === true);
  const labels = payload.points.map((p, i) => `${shortLabel(p.x)}${partial[i] ? ' (partial)' : ''}`);
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `${title || 'Chart'}: ${metrics.map(metricName).join(', ')}`,
  });
  const box = h('div', { class: 'chart-box' }, canvas);
  if (horizontal)
    box.style.height = `${Math.max(160, payload.points.length * BAR_ROW_PX * metrics.length + 60)}px`;
  const notes = partial.some(Boolean)
    ? h(
        'p',
        { class: 'chart-note' },
        'Dashed, hollow points are partial periods: the range covers only part of them, so their totals are not comparable with whole ones.',
      )
    : null;
  const figure = h(
    'figure',
    {
      class: 'chart',
      'data-unit': unit,
      'data-metrics': metrics.join(','),
      'data-orientation': horizontal ? 'horizontal' : 'vertical',
      'data-partial': String(partial.filter(Boolean).length),
      'data-categories': String(payload.points.length),
    },
    title ? h('figcaption', {}, title) : null,
    box,
    notes,
  );
  const valueAxis = horizontal ? 'x' : 'y';
  const categoryAxis = horizontal ? 'y' : 'x';
  const { text, grid } = themeColors();
  new Chart(canvas, {
    type: payload.chart,
    data: {
      labels,
      datasets: metrics.map((metric, i) => {
        const color = COLORS[i % COLORS.length];
        return {
          label: metricName(metric),
          // a sum over no delivery is 0, not a hole; a ratio without a denominator has no value
          data: payload.points.map((p) => p.values[metric] ?? (isRatioMetric(metric) ? null : 0)),
          borderColor: color,
          backgroundColor: horizontal ? color : partial.map((p) => (p ? 'transparent' : color)),
          pointBorderColor: color,
          pointRadius: payload.points.length > 40 ? partial.map((p) => (p ? 4 : 0)) : 3,
          tension: 0.25,
          spanGaps: true,
          segment: {
            borderDash: (ctx: { p0DataIndex: number; p1DataIndex: number }) =>
              partial[ctx.p0DataIndex] || partial[ctx.p1DataIndex] ? [6, 4] : undefined,
          },
        };
      }),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: text,
      plugins: {
        legend: { display: metrics.length > 1, labels: { color: text } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const metric = metrics[item.datasetIndex];
              const raw = payload.points[item.dataIndex]?.values[metric] ?? null;
              const value = raw === null && !isRatioMetric(metric) ? 0 : raw;
              return `${metricName(metric)}: ${formatUnit(value, unit, payload.currency)}`;
            },
          },
        },
      },
      scales: {
        [valueAxis]: {
          beginAtZero: true,
          grid: { color: grid },
          ticks: {
            color: text,
            callback: (v: number | string) => formatTick(Number(v), unit, payload.currency),
          },
        },
        [categoryAxis]: {
          grid: { color: grid, display: !horizontal },
          ticks: horizontal
            ? { color: text, autoSkip: false }
            : { color: text, autoSkip: true, autoSkipPadding: 12, maxRotation: 0 },
        },
      },
    },
    plugins: [
      {
        id: 'labelCount',
        // the number of category labels drawn, for people checking the chart with tools (and tests)
        afterLayout: (chart) => {
          canvas.dataset.labelsShown = String(chart.scales[categoryAxis]?.ticks.length ?? 0);
        },
      },
    ],
  });
  return figure;
}
