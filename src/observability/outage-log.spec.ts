import { OutageLog, unreachableDependency } from './outage-log';

describe(OutageLog.name, () => {
  it('logs one line when an outage starts and one with its length when it ends, however many errors come between', () => {
    const lines: string[] = [];
    const log = new OutageLog((line) => lines.push(line));
    for (let i = 0; i < 50; i++) log.failed('redis', new Error('connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect'));
    expect(log.since('redis')).toBeInstanceOf(Date);
    log.ok('redis');
    log.ok('redis');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Redis unreachable: connect ECONNREFUSED 127.0.0.1:6379 (one line per outage; retrying)');
    expect(lines[1]).toMatch(/^Redis reachable again after \d+\.\d s \(50 errors during the outage\)$/);
    expect(log.since('redis')).toBeUndefined();
  });
});

describe(unreachableDependency.name, () => {
  it('tells a lost database or Redis connection from an error in a query', () => {
    expect(unreachableDependency(new Error('Connection terminated unexpectedly'))).toBe('postgres');
    expect(unreachableDependency(new Error('terminating connection due to administrator command'))).toBe('postgres');
    expect(unreachableDependency(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('postgres');
    expect(unreachableDependency(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe('redis');
    expect(unreachableDependency(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { stack: 'Error: connect ECONNREFUSED 127.0.0.1:6379' }))).toBe('redis');
    expect(unreachableDependency(new Error('duplicate key value violates unique constraint'))).toBeUndefined();
    expect(unreachableDependency('nope')).toBeUndefined();
  });
});
