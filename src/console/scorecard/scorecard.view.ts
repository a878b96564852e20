import Handlebars from 'handlebars';
import { cesChart, csatChart, npsChart, npsGauge, trendChart } from '../../scorecard/scorecard-charts';
import { Figures } from '../../scorecard/scorecard-figures';
import { Breakdown, TimeToReach } from '../../scorecard/scorecard.service';

/** One row of the figures table: `key` names the API field (data-figure), `value` is that field's number. */
export interface FigureRow {
  key: string;
  label: string;
  value: number | null;
  text: string;
  detail: string;
}

const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} %`);
const num = (v: number | null, digits = 2) => (v === null ? '–' : v.toFixed(digits));
const secs = (v: number | null) => (v === null ? '–' : v < 120 ? `${v} s` : v < 7200 ? `${Math.round(v / 60)} min` : `${(v / 3600).toFixed(1)} h`);

/**
 * The figures table, read from the service's figures as they are (no number is computed here): the test
 * compares each row's `data-figure`/`data-value` with the API's answer.
 */
export function figureRows(f: Figures, t: TimeToReach): FigureRow[] {
  return [
    { key: 'reached', label: 'Customers reached', value: f.reached, text: String(f.reached), detail: 'the reach definition' },
    { key: 'responses', label: 'Responses', value: f.responses, text: String(f.responses), detail: 'feedback forms sent from notice pages' },
    { key: 'responseRate', label: 'Response rate', value: f.responseRate, text: pct(f.responseRate), detail: 'responses ÷ customers reached' },
    { key: 'csat.satisfiedPercent', label: 'CSAT', value: f.csat.satisfiedPercent, text: pct(f.csat.satisfiedPercent), detail: `answers 4 or 5 of ${f.csat.answers}` },
    { key: 'ces.average', label: 'CES', value: f.ces.average, text: num(f.ces.average), detail: `average of ${f.ces.answers} answers, 1 very difficult to 7 very easy` },
    { key: 'nps.score', label: 'NPS', value: f.nps.score, text: num(f.nps.score, 1), detail: `${f.nps.promoters} promoters − ${f.nps.detractors} detractors of ${f.nps.answers} answers (${f.nps.passives} passives)` },
    { key: 'acknowledgementRate', label: 'Acknowledgement rate', value: f.acknowledgementRate, text: pct(f.acknowledgementRate), detail: `${f.acknowledged} acknowledged ÷ reached` },
    { key: 'timeToReach.p50', label: 'Time to reach, median', value: t.p50, text: secs(t.p50), detail: `from the declaration, over ${t.count} customers` },
    { key: 'timeToReach.p90', label: 'Time to reach, p90', value: t.p90, text: secs(t.p90), detail: '90 % were reached within this' },
    { key: 'claims', label: 'Offers claimed', value: f.claims, text: f.claims === null ? 'not counted' : String(f.claims), detail: `claim rate ${pct(f.claimRate)} of customers reached` },
  ];
}

export const breakdownRows = (b: Breakdown | null) =>
  b?.groups.map((g) => ({
    group: g.group,
    reached: g.reached,
    responses: g.responses,
    responseRate: pct(g.responseRate),
    csat: pct(g.csat.satisfiedPercent),
    ces: num(g.ces.average),
    nps: num(g.nps.score, 1),
    ack: pct(g.acknowledgementRate),
    claims: g.claims === null ? 'not counted' : String(g.claims),
  })) ?? null;

/** The charts as SafeStrings: built from numbers and escaped text only (scorecard-charts.ts). */
export function charts(f: Figures) {
  const safe = (svg: string) => new Handlebars.SafeString(svg);
  return { csat: safe(csatChart(f)), ces: safe(cesChart(f)), nps: safe(npsChart(f)), gauge: safe(npsGauge(f)) };
}

export const trend = (points: Parameters<typeof trendChart>[0]) => new Handlebars.SafeString(trendChart(points));
