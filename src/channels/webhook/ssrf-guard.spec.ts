import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressRefusal, guardedLookup, parseAllowList, resolvedUrlRefusal, urlRefusal } from './ssrf-guard';

const NONE = parseAllowList('');

/** A DNS that answers from a table (no network in unit tests). */
const fakeDns = (table: Record<string, string[]>) =>
  ((host: string, _opts: unknown, cb: (err: NodeJS.ErrnoException | null, list: LookupAddress[]) => void) => {
    const ips = table[host];
    if (!ips) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
    cb(null, ips.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }) as never;

describe('SSRF guard', () => {
  describe(urlRefusal.name, () => {
    it.each([
      ['http://169.254.169.254/latest/meta-data/', /link-local|linkLocal/],
      ['http://[::ffff:127.0.0.1]/', /ipv4Mapped/],
      ['http://[::ffff:7f00:1]/', /ipv4Mapped/],
      ['http://2130706433/', /loopback/],
      ['http://0x7f.0.0.1/', /loopback/],
      ['http://0177.0.0.1/', /loopback/],
      ['http://127.1/', /loopback/],
      ['http://127.0.0.1:8080/hook', /loopback/],
      ['http://[::1]/', /loopback/],
      ['http://[fd00::1]/', /uniqueLocal/],
      ['http://[fe80::1]/', /linkLocal/],
      ['http://100.64.0.1/', /carrierGradeNat/],
      ['http://10.1.2.3/', /private/],
      ['http://172.16.0.1/', /private/],
      ['http://192.168.1.1/', /private/],
      ['http://0.0.0.0/', /unspecified/],
      ['http://0/', /unspecified/],
      ['http://224.0.0.1/', /multicast/],
      ['http://240.0.0.1/', /reserved/],
      ['http://[64:ff9b::7f00:1]/', /rfc6052/],
      ['http://[2002:7f00:1::]/', /6to4/],
      ['http://[::7f00:1]/', /IPv4-compatible/],
      // the 2026-12 re-audit corpus: other spellings of the same addresses
      ['http://0x7f.1/', /loopback/],
      ['http://017700000001/', /loopback/],
      ['http://0x7f000001/', /loopback/],
      ['http://127\u30020\u30020\u30021/', /loopback/], // ideographic full stops
      ['http://\u2460\u2461\u2466.0.0.1/', /loopback/], // circled digits (IDNA maps them)
      ['http://[0:0:0:0:0:ffff:169.254.169.254]/', /ipv4Mapped/],
      ['http://[::ffff:0:a9fe:a9fe]/', /rfc6145/],
      ['http://[64:ff9b:1::a00:1]/', /rfc6052/],
      ['http://[2001::1]/', /teredo/],
      ['http://[fec0::1]/', /deprecatedSiteLocal/],
      ['http://[fd00:ec2::254]/', /uniqueLocal/], // the EC2 IPv6 metadata address
      ['http://198.18.0.1/', /reserved/],
      ['http://192.0.0.1/', /reserved/],
      ['http://255.255.255.255/', /broadcast/],
      ['http://127.0.0.1#@example.com/', /loopback/],
      ['http://evil@127.0.0.1/', /credentials/],
      ['gopher://127.0.0.1/', /only http/],
      ['file:///etc/passwd', /only http/],
      ['ftp://example.com/', /only http/],
      ['file:///etc/passwd', /only http/],
      ['gopher://1.1.1.1/', /only http/],
      ['https://user:pass@example.com/', /credentials/],
      ['not a url', /not a valid URL/],
    ])('refuses %s', (url, why) => {
      expect(urlRefusal(url, NONE)).toMatch(why);
    });

    it.each(['https://8.8.8.8/hook', 'http://1.1.1.1:8443/x?y=1', 'https://[2606:4700:4700::1111]/', 'https://hooks.slack.com/services/T0/B0/XYZ'])('allows the public %s', (url) => {
      expect(urlRefusal(url, NONE)).toBeNull();
    });

    it('allows private targets named in the allow-list, and only those', () => {
      const allow = parseAllowList('10.0.0.0/8, 127.0.0.1 ,hooks.internal');
      expect(urlRefusal('http://10.9.8.7/', allow)).toBeNull();
      expect(urlRefusal('http://127.0.0.1:3000/', allow)).toBeNull();
      expect(urlRefusal('http://[::ffff:127.0.0.1]/', allow)).toBeNull();
      expect(urlRefusal('http://127.0.0.2/', allow)).toMatch(/loopback/);
      expect(urlRefusal('http://192.168.0.1/', allow)).toMatch(/private/);
      expect(urlRefusal('http://169.254.169.254/', allow)).toMatch(/linkLocal/);
    });

    it('refuses an allow-list entry that is neither a range, an address nor a host name', () => {
      expect(() => parseAllowList('10.0.0.0/99')).toThrow();
      expect(() => parseAllowList('http://x')).toThrow(/neither/);
    });
  });

  describe(resolvedUrlRefusal.name, () => {
    const dns = fakeDns({ 'public.test': ['93.184.216.34'], 'rebind.test': ['93.184.216.34', '127.0.0.1'], localhost: ['127.0.0.1', '::1'], 'meta.test': ['169.254.169.254'] });

    it('refuses a host name that resolves to a private address (any of its addresses)', async () => {
      await expect(resolvedUrlRefusal('http://localhost:8080/', NONE, dns)).resolves.toMatch(/localhost resolves to 127\.0\.0\.1 is a loopback/);
      await expect(resolvedUrlRefusal('http://localhost.:8080/', NONE, dns)).resolves.toMatch(/localhost resolves to 127\.0\.0\.1 is a loopback/); // trailing dot
      await expect(resolvedUrlRefusal('http://LOCALHOST/', NONE, dns)).resolves.toMatch(/loopback/);
      await expect(resolvedUrlRefusal('http://rebind.test/', NONE, dns)).resolves.toMatch(/loopback/);
      await expect(resolvedUrlRefusal('http://meta.test/', NONE, dns)).resolves.toMatch(/linkLocal/);
      await expect(resolvedUrlRefusal('http://nowhere.test/', NONE, dns)).resolves.toMatch(/does not resolve \(ENOTFOUND\)/);
    });

    it('allows a host name resolving to public addresses, and an allow-listed name whatever it resolves to', async () => {
      await expect(resolvedUrlRefusal('https://public.test/hook', NONE, dns)).resolves.toBeNull();
      await expect(resolvedUrlRefusal('http://localhost:8080/', parseAllowList('localhost'), dns)).resolves.toBeNull();
    });
  });

  describe(guardedLookup.name, () => {
    let server: http.Server;
    let port: number;
    beforeAll(async () => {
      server = http.createServer((_req, res) => res.end('reached'));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const get = (host: string, lookup: ReturnType<typeof guardedLookup>) =>
      new Promise<string>((resolve, reject) => {
        http.get({ hostname: host, port, path: '/', lookup, agent: false }, (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => resolve(b));
        }).on('error', reject);
      });

    it('refuses at connection time a name that resolves to loopback, before any byte is sent', async () => {
      await expect(get('innocent.test', guardedLookup(NONE, fakeDns({ 'innocent.test': ['127.0.0.1'] })))).rejects.toMatchObject({ code: 'ESSRF', message: expect.stringMatching(/innocent\.test: 127\.0\.0\.1 is a loopback/) });
    });

    it('connects when the resolved address is allowed', async () => {
      await expect(get('innocent.test', guardedLookup(parseAllowList('127.0.0.0/8'), fakeDns({ 'innocent.test': ['127.0.0.1'] })))).resolves.toBe('reached');
    });
  });

  it('names the range of a refused address', () => {
    expect(addressRefusal('169.254.169.254', NONE)).toBe('169.254.169.254 is a linkLocal address');
    expect(addressRefusal('8.8.8.8', NONE)).toBeNull();
    expect(addressRefusal('nonsense', NONE)).toMatch(/not an IP address/);
  });
});
