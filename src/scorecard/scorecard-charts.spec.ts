import { figuresOf } from './scorecard-figures';
import { npsChart, npsGauge, trendChart } from './scorecard-charts';

const figures = figuresOf(
  [
    { group: 'all', csat: 5, ces: 7, nps: 10, n: 3 },
    { group: 'all', csat: 2, ces: 2, nps: 3, n: 1 },
  ],
  { reached: 5, acknowledged: 1, claims: 0 },
);

describe('scorecard charts', () => {
  it('are images named by their title and described with every number, with text on the bars', () => {
    const svg = npsChart(figures);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-nps-title" aria-describedby="chart-nps-desc"/);
    expect(svg).toContain('<title id="chart-nps-title">Likelihood to recommend (NPS), 0 to 10: NPS 50</title>');
    expect(svg).toContain('<desc id="chart-nps-desc">4 answers. score 0: 0, score 1: 0, score 2: 0, score 3: 1,');
    // categories in words, not by colour alone
    expect(svg).toContain('>Detractors 1</text>');
    expect(svg).toContain('>Promoters 3</text>');
    expect(npsGauge(figures)).toContain('>+50</text>');
    expect(npsGauge(figuresOf([], { reached: 0, acknowledged: 0, claims: null }))).toContain('<desc id="chart-gauge-desc">No NPS answers yet.</desc>');
  });

  it('escapes the labels it is given', () => {
    const svg = trendChart([{ label: '<script>&"', nps: 10, csat: 50 }]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&amp;&quot;');
    expect(svg).toContain('<desc id="chart-trend-desc">&lt;script&gt;&amp;&quot;: NPS 10, CSAT 50 %.</desc>');
  });
});
