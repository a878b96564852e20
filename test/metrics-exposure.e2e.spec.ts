import type { AddressInfo } from 'node:net';
import { WorkerMetricsServer } from '../src/metrics/worker-metrics.server';
import { Harness } from './support/harness';

describe('Metrics exposure', () => {
  let h: Harness;
  afterEach(() => h?.stop());

  it('binds the worker metrics port to loopback unless told otherwise', async () => {
    h = await Harness.start({ workers: 1, env: { METRICS_PORT: '0' } });
    const server = (h.workers[0].get(WorkerMetricsServer) as unknown as { server: { address(): AddressInfo } }).server;
    expect(server.address().address).toBe('127.0.0.1');
  });
});
