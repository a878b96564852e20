import { CHART, contactsChart } from './contacts-chart.util';

describe(contactsChart.name, () => {
  it('scales bars to the busiest bucket and keeps empty buckets on the axis', () => {
    const c = contactsChart(
      [
        { start: '2026-12-06T01:00:00.000Z', contacts: 2 },
        { start: '2026-12-06T02:00:00.000Z', contacts: 0 },
        { start: '2026-12-06T03:00:00.000Z', contacts: 4 },
      ],
      'hour',
    );
    const plotH = CHART.height - CHART.bottom - CHART.top;
    expect(c.max).toBe(4);
    expect(c.bars.map((b) => b.height)).toEqual([plotH / 2, 0, plotH]);
    expect(c.bars.every((b) => b.y + b.height === c.baseline)).toBe(true);
    expect(c.bars[2].label).toBe('2026-12-06 03:00 UTC: 4 contacts');
    expect(c.rows[0]).toEqual({ period: '2026-12-06 03:00 UTC', contacts: 4 });
    expect(c.firstLabel).toBe('2026-12-06 01:00 UTC');
  });

  it('draws nothing taller than the plot when there are no contacts', () => {
    const c = contactsChart([{ start: '2026-12-06T00:00:00.000Z', contacts: 0 }], 'day');
    expect(c.bars[0]).toMatchObject({ height: 0, label: '2026-12-06: 0 contacts' });
  });
});
