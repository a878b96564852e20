// Keeps webhook requests away from the machine's own network (SSRF): a URL is checked when saved, and the
// address a request actually connects to is checked again inside the connection's DNS lookup, so a name
// that resolves somewhere else later (DNS rebinding) is still refused.
import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/** Addresses or names allowed even though they are private (WEBHOOK_ALLOW_PRIVATE). */
export interface AllowList {
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  hosts: Set<string>;
}

export const MAX_WEBHOOK_URL = 2048;

/**
 * ipaddr.js names every special-purpose range; only plain `unicast` is a public internet address. These
 * ones it calls unicast are refused as well: IPv4-compatible IPv6 (::a.b.c.d, deprecated but still an
 * IPv4 in disguise).
 */
const EXTRA_REFUSED: [ipaddr.IPv6, number][] = [ipaddr.parseCIDR('::/96') as [ipaddr.IPv6, number]];

/** "10.0.0.0/8,127.0.0.1,host.internal" → ranges and host names; throws on an entry that is neither. */
export function parseAllowList(setting: string): AllowList {
  const allow: AllowList = { ranges: [], hosts: new Set() };
  for (const raw of setting.split(',').map((e) => e.trim()).filter(Boolean)) {
    const entry = raw.replace(/^\[(.*)\]$/, '$1');
    if (entry.includes('/')) {
      allow.ranges.push(ipaddr.parseCIDR(entry)); // throws on a malformed range
    } else if (ipaddr.isValid(entry) && isIP(entry)) {
      const a = ipaddr.parse(entry);
      allow.ranges.push([a, a.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(entry)) {
      allow.hosts.add(entry.toLowerCase());
    } else {
      throw new Error(`'${raw}' is neither an address range (10.0.0.0/8), an address nor a host name`);
    }
  }
  return allow;
}

const inAllowed = (a: ipaddr.IPv4 | ipaddr.IPv6, allow: AllowList) =>
  allow.ranges.some(([net, bits]) => a.kind() === net.kind() && a.match(net, bits));

/** Why a request may not connect to this address, or null when it may. */
export function addressRefusal(ip: string, allow: AllowList): string | null {
  const bare = ip.replace(/^\[(.*)\]$/, '$1');
  if (!isIP(bare)) return `'${ip}' is not an IP address`;
  const a = ipaddr.parse(bare);
  if (inAllowed(a, allow)) return null;
  // ::ffff:127.0.0.1 is 127.0.0.1: an allow-listed IPv4 range covers its mapped form too
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() && inAllowed((a as ipaddr.IPv6).toIPv4Address(), allow)) return null;
  const range = a.range();
  if (range !== 'unicast') return `${bare} is a ${range} address`;
  if (a.kind() === 'ipv6' && EXTRA_REFUSED.some(([net, bits]) => a.match(net, bits))) return `${bare} is an IPv4-compatible IPv6 address`;
  return null;
}

/** Host name of a URL without IPv6 brackets, lower-case, without a trailing dot. */
const hostOf = (u: URL) => u.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();

/**
 * Checks what can be checked without the network: http(s) only, no credentials, a host, and when the host
 * is an address, that it may be connected to. The WHATWG URL parser has already turned the odd IPv4 forms
 * (2130706433, 0x7f.0.0.1, 0177.0.0.1, 127.1) into 127.0.0.1, so they are caught here like the plain one.
 */
export function urlRefusal(raw: string, allow: AllowList): string | null {
  if (raw.length > MAX_WEBHOOK_URL) return `longer than ${MAX_WEBHOOK_URL} characters`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http:// and https:// URLs are allowed';
  if (u.username || u.password) return 'credentials in the URL are not allowed (put a token in the path or use the signature)';
  const host = hostOf(u);
  if (!host) return 'the URL has no host';
  if (allow.hosts.has(host)) return null;
  if (isIP(host)) return addressRefusal(host, allow);
  return null;
}

/** urlRefusal, then the addresses the host name resolves to now (all of them must be allowed). */
export async function resolvedUrlRefusal(raw: string, allow: AllowList, lookup: typeof dnsLookup = dnsLookup): Promise<string | null> {
  const syntactic = urlRefusal(raw, allow);
  if (syntactic) return syntactic;
  const host = hostOf(new URL(raw));
  if (isIP(host) || allow.hosts.has(host)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await new Promise<LookupAddress[]>((resolve, reject) => lookup(host, { all: true }, (err, list) => (err ? reject(err) : resolve(list))));
  } catch (e) {
    return `${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  for (const a of addresses) {
    const why = addressRefusal(a.address, allow);
    if (why) return `${host} resolves to ${why}`;
  }
  return null;
}

/** The error a refused connection fails with (a permanent failure: retrying cannot change the answer). */
export class SsrfRefusedError extends Error {
  readonly code = 'ESSRF';
}

/**
 * A `lookup` for http.request / net.connect: resolves as dns.lookup does, then refuses the connection when
 * any address the name resolves to is not allowed. The socket connects to the addresses returned here,
 * so the address checked is the address used.
 */
export function guardedLookup(allow: AllowList, lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', undefined);
      const host = hostname.replace(/\.$/, '').toLowerCase();
      if (!allow.hosts.has(host)) {
        for (const a of addresses) {
          const why = addressRefusal(a.address, allow);
          if (why) return callback(new SsrfRefusedError(`refused to connect to ${hostname}: ${why}`), '', undefined);
        }
      }
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', undefined);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
