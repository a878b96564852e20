import { DROPPED_DEFAULT_METRICS, MetricsRegistry } from './metrics.registry';

describe(MetricsRegistry.name, () => {
  it('keeps the process figures but not the gauges prom-client names like counters', async () => {
    const text = await new MetricsRegistry().metrics();
    const types = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
    for (const name of DROPPED_DEFAULT_METRICS) expect(types.has(name)).toBe(false);
    expect([...types].filter(([name, type]) => type !== 'counter' && name.endsWith('_total'))).toEqual([]);
    expect(types.get('process_cpu_seconds_total')).toBe('counter');
    expect(types.get('nodejs_active_handles')).toBe('gauge');
    expect(types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
  });

  it('refuses a counter without _total and a gauge with it; a name asked twice is one metric', () => {
    const m = new MetricsRegistry();
    expect(() => m.counter('x_sends', 'h', [])).toThrow(/end in _total/);
    expect(() => m.gauge('x_active_total', 'h', [])).toThrow(/only counters/);
    expect(m.gauge('x_up', 'h', [])).toBe(m.gauge('x_up', 'h', []));
    expect(m.counter('x_sends_total', 'h', [])).toBe(m.counter('x_sends_total', 'h', []));
  });

  it('starts the listed label sets of a counter at 0, so the family has samples before the first event', async () => {
    const m = new MetricsRegistry();
    m.counter('x_sends_total', 'Sends', ['channel'], [{ channel: 'email' }, { channel: 'sms' }]);
    const text = await m.metrics();
    expect(text).toContain('x_sends_total{channel="email"} 0');
    expect(text).toContain('x_sends_total{channel="sms"} 0');
  });
});
