// Server-side SVG charts of the scorecard: no script, no inline style (the console's CSP forbids both), only
// presentation attributes. Each chart is role="img" named by its <title> and described by its <desc> (which
// says every number), carries text labels on the bars and points, and never tells anything by colour alone:
// NPS categories are written under their bars, the trend's two series have different markers and a legend.
import { CES_SCALE, CSAT_SCALE, Figures, NPS_SCALE } from './scorecard-figures';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (v: number | null, unit = '') => (v === null ? 'no answers' : `${v}${unit}`);

// mid-tone fills that keep 3:1 against both the light and the dark console backgrounds
const LOW = '#c2410c';
const MID = '#6b7280';
const HIGH = '#15803d';
const BAR = '#2563eb';

function frame(id: string, width: number, height: number, title: string, desc: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart" id="${id}">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>${body}</svg>`
  );
}

/** Vertical bars, one per score, the count written above each bar and the score under it. */
export function distributionChart(id: string, title: string, scale: readonly number[], counts: Record<string, number>, colourOf: (score: number) => string = () => BAR, bands = ''): string {
  const values = scale.map((s) => counts[String(s)] ?? 0);
  const max = Math.max(1, ...values);
  const slot = 36;
  const width = scale.length * slot + (bands ? 40 : 20);
  const top = 20;
  const plot = 110;
  const height = top + plot + 26 + (bands ? 22 : 0);
  const total = values.reduce((a, b) => a + b, 0);
  const bars = scale
    .map((s, i) => {
      const h = Math.round((values[i] / max) * plot);
      const x = 10 + i * slot + 4;
      const y = top + plot - h;
      return (
        `<rect x="${x}" y="${y}" width="${slot - 8}" height="${Math.max(h, values[i] ? 2 : 0)}" fill="${colourOf(s)}"/>` +
        `<text x="${x + (slot - 8) / 2}" y="${y - 4}" text-anchor="middle" font-size="12" fill="currentColor">${values[i]}</text>` +
        `<text x="${x + (slot - 8) / 2}" y="${top + plot + 16}" text-anchor="middle" font-size="12" fill="currentColor">${s}</text>`
      );
    })
    .join('');
  const axis = `<line x1="10" y1="${top + plot}" x2="${width - 10}" y2="${top + plot}" stroke="currentColor" stroke-width="1"/>`;
  const desc = `${total} answers. ` + scale.map((s, i) => `score ${s}: ${values[i]}`).join(', ') + '.';
  return frame(id, width, height, title, desc, axis + bars + bands);
}

export function csatChart(f: Figures): string {
  return distributionChart('chart-csat', `Satisfaction (CSAT), 1 to 5: ${fmt(f.csat.satisfiedPercent, ' %')} answered 4 or 5`, CSAT_SCALE, f.csat.distribution, (s) => (s >= 4 ? HIGH : s <= 2 ? LOW : MID));
}

export function cesChart(f: Figures): string {
  return distributionChart('chart-ces', `Effort (CES), 1 very difficult to 7 very easy: average ${fmt(f.ces.average)}`, CES_SCALE, f.ces.distribution, (s) => (s >= 5 ? HIGH : s <= 3 ? LOW : MID));
}

export function npsChart(f: Figures): string {
  // the categories in words under their bars: detractors 0-6, passives 7-8, promoters 9-10
  const y = 20 + 110 + 40;
  const band = (from: number, to: number, label: string) => {
    const x1 = 10 + from * 36 + 4;
    const x2 = 10 + (to + 1) * 36 - 4;
    return `<line x1="${x1}" y1="${y - 12}" x2="${x2}" y2="${y - 12}" stroke="currentColor" stroke-width="1"/><text x="${(x1 + x2) / 2}" y="${y}" text-anchor="middle" font-size="12" fill="currentColor">${label}</text>`;
  };
  const bands = band(0, 6, `Detractors ${f.nps.detractors}`) + band(7, 8, `Passives ${f.nps.passives}`) + band(9, 10, `Promoters ${f.nps.promoters}`);
  return distributionChart('chart-nps', `Likelihood to recommend (NPS), 0 to 10: NPS ${fmt(f.nps.score)}`, NPS_SCALE, f.nps.distribution, (s) => (s >= 9 ? HIGH : s <= 6 ? LOW : MID), bands);
}

/** A half-circle from -100 to +100 with a needle at the score, and the score written in the middle. */
export function npsGauge(f: Figures): string {
  const cx = 120;
  const cy = 124;
  const r = 90;
  const point = (v: number, radius: number) => {
    const a = Math.PI * (1 - (v + 100) / 200);
    return { x: Math.round((cx + radius * Math.cos(a)) * 10) / 10, y: Math.round((cy - radius * Math.sin(a)) * 10) / 10 };
  };
  const arc = (from: number, to: number, colour: string) => {
    const a = point(from, r);
    const b = point(to, r);
    return `<path d="M ${a.x} ${a.y} A ${r} ${r} 0 0 1 ${b.x} ${b.y}" fill="none" stroke="${colour}" stroke-width="18"/>`;
  };
  const score = f.nps.score;
  const needle = score === null ? '' : (() => {
    const p = point(score, r - 24);
    return `<line x1="${cx}" y1="${cy}" x2="${p.x}" y2="${p.y}" stroke="currentColor" stroke-width="4" stroke-linecap="round"/><circle cx="${cx}" cy="${cy}" r="6" fill="currentColor"/>`;
  })();
  const labels =
    `<text x="${cx - r}" y="${cy + 22}" text-anchor="middle" font-size="12" fill="currentColor">-100</text>` +
    `<text x="${cx}" y="${cy - r - 16}" text-anchor="middle" font-size="12" fill="currentColor">0</text>` +
    `<text x="${cx + r}" y="${cy + 22}" text-anchor="middle" font-size="12" fill="currentColor">+100</text>` +
    `<text x="${cx}" y="${cy + 34}" text-anchor="middle" font-size="22" font-weight="bold" fill="currentColor">${score === null ? '–' : score > 0 ? `+${score}` : score}</text>`;
  const desc = score === null ? 'No NPS answers yet.' : `NPS ${score} on a scale from -100 to +100: ${f.nps.promoters} promoters, ${f.nps.passives} passives, ${f.nps.detractors} detractors of ${f.nps.answers} answers.`;
  return frame('chart-gauge', 240, 166, `Net Promoter Score: ${fmt(score)}`, desc, arc(-100, 0, LOW) + arc(0, 50, MID) + arc(50, 100, HIGH) + needle + labels);
}

export interface TrendPoint {
  label: string;
  nps: number | null;
  csat: number | null;
}

/**
 * NPS (circles, -100..100) and CSAT % (squares, 0..100) per incident, oldest first, on one scale from -100
 * to 100; each point has its value written beside it.
 */
export function trendChart(points: readonly TrendPoint[]): string {
  const left = 44;
  const slot = 110;
  const width = Math.max(480, left + Math.max(1, points.length) * slot + 80);
  const top = 30;
  const plot = 160;
  const height = top + plot + 40;
  const y = (v: number) => Math.round((top + ((100 - v) / 200) * plot) * 10) / 10;
  const grid = [-100, 0, 100]
    .map((v) => `<line x1="${left}" y1="${y(v)}" x2="${width - 10}" y2="${y(v)}" stroke="currentColor" stroke-width="${v === 0 ? 1 : 0.5}" stroke-dasharray="${v === 0 ? '' : '3 3'}"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="currentColor">${v}</text>`)
    .join('');
  const x = (i: number) => left + i * slot + slot / 2;
  const line = (key: 'nps' | 'csat', colour: string) => {
    const pts = points.map((p, i) => (p[key] === null ? null : `${x(i)},${y(p[key]!)}`)).filter(Boolean);
    return pts.length > 1 ? `<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>` : '';
  };
  const marks = points
    .map((p, i) => {
      const out: string[] = [`<text x="${x(i)}" y="${top + plot + 18}" text-anchor="middle" font-size="11" fill="currentColor">${esc(p.label)}</text>`];
      if (p.nps !== null) out.push(`<circle cx="${x(i)}" cy="${y(p.nps)}" r="5" fill="${BAR}"/><text x="${x(i) + 8}" y="${y(p.nps) - 6}" font-size="11" fill="currentColor">NPS ${p.nps}</text>`);
      if (p.csat !== null) out.push(`<rect x="${x(i) - 5}" y="${y(p.csat) - 5}" width="10" height="10" fill="${HIGH}"/><text x="${x(i) + 8}" y="${y(p.csat) + 14}" font-size="11" fill="currentColor">CSAT ${p.csat} %</text>`);
      return out.join('');
    })
    .join('');
  const legend =
    `<circle cx="${left + 6}" cy="12" r="5" fill="${BAR}"/><text x="${left + 16}" y="16" font-size="12" fill="currentColor">NPS (circles, -100 to 100)</text>` +
    `<rect x="${left + 196}" y="7" width="10" height="10" fill="${HIGH}"/><text x="${left + 212}" y="16" font-size="12" fill="currentColor">CSAT % (squares, 0 to 100)</text>`;
  const desc = points.length
    ? points.map((p) => `${p.label}: NPS ${fmt(p.nps)}, CSAT ${fmt(p.csat, ' %')}`).join('; ') + '.'
    : 'No incidents in this range.';
  return frame('chart-trend', width, height, 'Trend across incidents, oldest first', desc, grid + line('nps', BAR) + line('csat', HIGH) + marks + legend);
}
