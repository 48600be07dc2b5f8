/**
 * Who is asking, for per-client limits.
 *
 * - The socket's address, or with LAPOR_TRUST_PROXY the address that trusted proxies
 *   report in X-Forwarded-For (proxy-addr, the library Express uses, walks the header from
 *   the right and stops at the first hop it does not trust, so a client cannot pick its
 *   own identity by sending the header itself).
 * - IPv6 addresses are grouped by /64: one subscriber line gets a whole /64, so counting
 *   per address would give one person unlimited buckets. IPv4-mapped IPv6 is plain IPv4.
 */
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

export type TrustProxy = (addr: string, hop: number) => boolean;

/**
 * `LAPOR_TRUST_PROXY`: unset/empty/`false` trusts nobody; a number N trusts the N hops
 * nearest to us (`1` = one reverse proxy in front); otherwise a comma-separated list of
 * addresses, CIDR ranges or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const v = value?.trim();
  if (!v || v === 'false' || v === '0') return undefined;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_addr, hop) => hop < hops;
  }
  if (v === 'true') throw new Error('LAPOR_TRUST_PROXY=true would let any client choose its address: give a hop count or the proxies\' addresses');
  try {
    return proxyaddr.compile(v.split(',').map((s) => s.trim()).filter(Boolean));
  } catch (err) {
    throw new Error(`LAPOR_TRUST_PROXY "${v}": ${(err as Error).message}`);
  }
}

/** The client's identity for limits: an IPv4 address, an IPv6 /64, or the raw string. */
export function clientKey(req: IncomingMessage, trust: TrustProxy | undefined): string {
  const raw = trust ? proxyaddr(req, trust) : req.socket.remoteAddress;
  return groupAddress(raw ?? 'unknown');
}

/** Parsing an address costs ~10 µs; a busy gateway sees the same few thousand again and again. */
const grouped = new Map<string, string>();

export function groupAddress(raw: string): string {
  let key = grouped.get(raw);
  if (key === undefined) {
    if (grouped.size >= 10_000) grouped.clear();
    grouped.set(raw, (key = group(raw)));
  }
  return key;
}

function group(raw: string): string {
  if (!ipaddr.isValid(raw)) return raw;
  let addr = ipaddr.parse(raw);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (addr.kind() === 'ipv4') return addr.toString();
  const prefix = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${prefix.join(':')}::/64`;
}
