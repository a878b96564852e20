/** Geometry of the server-side SVG bar chart of contacts over time (no script: the page's CSP allows none inline). */
export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** what a screen reader or a hover says for this bar */
  label: string;
}

export const CHART = { width: 640, height: 160, left: 36, bottom: 20, top: 8 } as const;
/** a bar never wider than this (a young incident has one or two buckets: no wall of colour) */
const MAX_BAR = 48;

const label = (start: string, bucket: 'hour' | 'day') => (bucket === 'hour' ? `${start.slice(0, 10)} ${start.slice(11, 16)} UTC` : start.slice(0, 10));

/** Bars scaled to the busiest bucket; an empty bucket has no height but keeps its place on the axis. */
export function contactsChart(overTime: { start: string; contacts: number }[], bucket: 'hour' | 'day') {
  const plotW = CHART.width - CHART.left;
  const plotH = CHART.height - CHART.bottom - CHART.top;
  const max = Math.max(1, ...overTime.map((b) => b.contacts));
  const step = overTime.length ? plotW / overTime.length : plotW;
  const gap = step > 4 ? 1 : 0;
  const bars: ChartBar[] = overTime.map((b, i) => {
    const height = Math.round((b.contacts / max) * plotH * 10) / 10;
    return {
      x: Math.round((CHART.left + i * step) * 10) / 10,
      y: Math.round((CHART.top + plotH - height) * 10) / 10,
      width: Math.max(0.5, Math.min(MAX_BAR, Math.round((step - gap) * 10) / 10)),
      height,
      label: `${label(b.start, bucket)}: ${b.contacts} contact${b.contacts === 1 ? '' : 's'}`,
    };
  });
  return {
    ...CHART,
    baseline: CHART.height - CHART.bottom,
    max,
    bars,
    firstLabel: overTime.length ? label(overTime[0].start, bucket) : '',
    lastLabel: overTime.length ? label(overTime[overTime.length - 1].start, bucket) : '',
    rows: overTime.map((b) => ({ period: label(b.start, bucket), contacts: b.contacts })).reverse(),
  };
}
