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

function v6Blocked(address: string): boolean {
  const a = address.toLowerCase();
  if (a === '::1' || a === '::') return true;
  if (a.startsWith('::ffff:')) return v4Blocked(a.slice(7));
  return /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
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
