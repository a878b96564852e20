import { metricsAccess, metricsAccessNotice } from './metrics-access';

describe(metricsAccess.name, () => {
  const token = 'metrics-token-0123456789abcdef';

  it('needs the token when one is set, from anywhere', () => {
    expect(metricsAccess({ METRICS_TOKEN: token, NODE_ENV: 'production' }, `Bearer ${token}`, '10.0.0.9')).toBe('ok');
    expect(metricsAccess({ METRICS_TOKEN: token, NODE_ENV: 'production' }, undefined, '127.0.0.1')).toBe('unauthorized');
    expect(metricsAccess({ METRICS_TOKEN: token, NODE_ENV: 'development' }, 'Bearer wrong', '127.0.0.1')).toBe('unauthorized');
  });

  it('serves only loopback clients in production when no token is set', () => {
    const prod = { METRICS_TOKEN: undefined, NODE_ENV: 'production' as const };
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(metricsAccess(prod, undefined, ip)).toBe('ok');
    for (const ip of ['10.0.0.9', '::ffff:192.168.1.4', '2001:db8::1', undefined]) expect(metricsAccess(prod, undefined, ip)).toBe('loopback_only');
  });

  it('stays open outside production without a token, and says so at start', () => {
    expect(metricsAccess({ METRICS_TOKEN: undefined, NODE_ENV: 'development' }, undefined, '10.0.0.9')).toBe('ok');
    expect(metricsAccessNotice({ METRICS_TOKEN: undefined, NODE_ENV: 'development' })).toMatchObject({ level: 'warn', message: expect.stringContaining('open') });
    expect(metricsAccessNotice({ METRICS_TOKEN: undefined, NODE_ENV: 'production' }).message).toContain('loopback clients only');
  });
});
