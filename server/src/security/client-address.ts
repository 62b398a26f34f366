import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address of the client a request came from, for everything the server keys by address
 * (rate limits, connection caps).
 *
 * `trustProxy` is the number of reverse proxies in front of the server whose
 * `X-Forwarded-For` we believe. 0 (the default) ignores the header: anyone can write it, so
 * believing it without a proxy would let an attacker pick a fresh address for every request.
 * With N proxies, each appends the address it saw to the right of the list, so the entry N
 * places from the right is the one the outermost trusted proxy saw; everything to its left
 * was written by the client and is ignored. A missing or malformed header falls back to the
 * socket address (the nearest proxy), which is the safe side: one shared budget.
 */
export function clientAddress(c: Context, trustProxy: number): string {
  const socket = socketAddress(c);
  if (trustProxy <= 0) return socket;
  const forwarded = forwardedAddress(c.req.header('x-forwarded-for'), trustProxy);
  return forwarded ?? socket;
}

/** The TCP peer of the request, normalised; `unknown` when there is none (e.g. app.request). */
export function socketAddress(c: Context): string {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    // No Node socket behind this request (tests calling app.request directly).
    address = undefined;
  }
  return address ? normaliseAddress(address) : 'unknown';
}

/**
 * The entry `hops` places from the right of an `X-Forwarded-For` value (several headers
 * arrive joined with commas), or null when there are fewer entries or it is not an address.
 */
export function forwardedAddress(header: string | undefined, hops: number): string | null {
  if (!header || hops <= 0) return null;
  const entries = header.split(',').map((e) => e.trim());
  const entry = entries[entries.length - hops];
  if (entries.length < hops || entry === undefined) return null;
  const address = stripPort(entry);
  return address && isIP(address) ? normaliseAddress(address) : null;
}

/** `[v6]:port`, `[v6]` and `v4:port` (some proxies add the port) → the bare address. */
function stripPort(entry: string): string | null {
  if (entry.startsWith('[')) {
    const end = entry.indexOf(']');
    return end > 0 ? entry.slice(1, end) : null;
  }
  const colons = entry.split(':').length - 1;
  // Exactly one colon: IPv4 with a port. More: a bare IPv6 address.
  return colons === 1 ? (entry.split(':')[0] ?? null) : entry;
}

/** Lower case, no zone, and IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as the IPv4 address it is. */
export function normaliseAddress(address: string): string {
  const bare = address.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  return mapped?.[1] ?? bare;
}

/**
 * The key a per-address budget is kept under: the address itself for IPv4, the /64 network
 * for IPv6. One IPv6 host (or one venue's Wi-Fi) is normally given a whole /64 and can pick
 * any address in it, so keying by the full address would hand it 2^64 fresh budgets.
 */
export function budgetKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight 16-bit groups of an IPv6 address (an IPv4 tail counts as two), or null. */
function expandIpv6(address: string): string[] | null {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return null;
  const part = (s: string) =>
    s === ''
      ? []
      : s.split(':').flatMap((g) => (g.includes('.') ? ['v4', 'v4'] : [g.padStart(4, '0')]));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0000'), ...right];
}
