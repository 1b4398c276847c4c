import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Loopback, private, link-local (cloud metadata), unique-local, CGNAT, unspecified. */
const BLOCKED_V4: Array<[number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 (CGNAT)
  [0x7f000000, 8], // 127/8
  [0xa9fe0000, 16], // 169.254/16 (link-local, metadata)
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
];

function v4Blocked(address: string): boolean {
  const n = address.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
  return BLOCKED_V4.some(([net, bits]) => n >>> (32 - bits) === net >>> (32 - bits));
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad folded in). */
function v6Groups(address: string): number[] {
  let a = address.toLowerCase().replace(/%.*$/, '');
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (quad) {
    const [b1, b2, b3, b4] = quad.slice(1).map(Number);
    a = `${a.slice(0, quad.index)}${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const [head, tail] = a.split('::');
  const parse = (part?: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const [h, t] = [parse(head), parse(tail)];
  return tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

function v6Blocked(address: string): boolean {
  const g = v6Groups(address);
  const embedded = () => `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(8) || (zeros(7) && g[7] === 1)) return true; // :: and ::1
  // An IPv4 address inside IPv6 reaches that IPv4 host: IPv4-mapped ::ffff:0:0/96, IPv4-compatible
  // ::/96 and NAT64 64:ff9b::/96 (a NAT64 gateway forwards to private IPv4 networks too).
  if (
    (zeros(5) && g[5] === 0xffff) ||
    zeros(6) ||
    (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
  )
    return v4Blocked(embedded());
  return (g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfe80; // fc00::/7 unique local, fe80::/10 link-local
}

export const isPrivateAddress = (address: string): boolean =>
  isIP(address) === 4 ? v4Blocked(address) : v6Blocked(address);

/**
 * Why a webhook URL may not be called, or null. The host's every address is checked (a DNS name
 * pointing at 127.0.0.1 is refused too), except hosts on the allow-list.
 */
export async function webhookTargetRefusal(url: string, allowHosts: string[]): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url is not a URL';
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) return 'url must be http or https';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allowHosts.includes(host)) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return `${host} does not resolve`;
  }
  const blocked = addresses.find(isPrivateAddress);
  return blocked ? `${host} resolves to ${blocked}, a private, loopback or link-local address` : null;
}
