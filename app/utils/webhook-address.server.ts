import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Where an outgoing webhook (technicians' page webhooks, issue 19) may not go in production: this
 * machine, the private networks behind it, link-local (cloud metadata at 169.254.169.254) and
 * carrier-grade NAT. Checked on the URL's host when it is set, and on every address its name
 * resolves to before each delivery (so a name later pointed inward is refused too).
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network" (0.0.0.0 reaches this machine)
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  REFUSED.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
] as const)
  REFUSED.addSubnet(network, prefix, "ipv6");

/** Whether `address` (an IPv4 or IPv6 literal, brackets allowed) is one a webhook may not reach; false when not an IP. */
export function isRefusedAddress(address: string): boolean {
  let ip = address.replace(/^\[(.*)\]$/, "$1");
  // An IPv4-mapped IPv6 address (::ffff:10.0.0.1, or as WHATWG URLs write it, ::ffff:a00:1) is its IPv4 one.
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ip);
  if (mapped) {
    ip = mapped[1] ?? [mapped[2]!, mapped[3]!].flatMap((h) => [parseInt(h, 16) >> 8, parseInt(h, 16) & 255]).join(".");
  }
  const family = isIP(ip);
  if (family === 4) return REFUSED.check(ip, "ipv4");
  if (family === 6) return REFUSED.check(ip, "ipv6");
  return false;
}

/** Why a host name itself is refused in production (an inward IP literal, or localhost), or null. */
export function refusedHostProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost") || isRefusedAddress(host))
    return `${hostname} is a private, loopback or link-local address: webhooks must go to a public host.`;
  return null;
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const lookupAll: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Why the URL's host is refused once resolved (every address it resolves to is checked), or null:
 * an inward address, or a name that does not resolve. No request is made.
 */
export async function webhookAddressProblem(value: string, lookup: LookupAll = lookupAll): Promise<string | null> {
  let hostname: string;
  try {
    hostname = new URL(value).hostname;
  } catch {
    return "Give a full URL (https://…).";
  }
  const literal = refusedHostProblem(hostname);
  if (literal) return literal;
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) return null;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(bare);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return `${hostname} could not be resolved${code ? ` (${code})` : ""}.`;
  }
  if (!addresses.length) return `${hostname} could not be resolved.`;
  const inward = addresses.find((a) => isRefusedAddress(a.address));
  if (inward)
    return `${hostname} resolves to ${inward.address}, a private, loopback or link-local address: webhooks must go to a public host.`;
  return null;
}

/**
 * The resolver the webhook's connection itself uses (net.connect's `lookup`): it resolves with
 * `lookup` and refuses the connection when any address is inward, so the address checked is the
 * address connected to. A name re-pointed inward between the check before sending and the
 * connection (DNS rebinding) is refused here. IP literals never reach it (refusedHostProblem checks them).
 */
export function refusingLookup(lookup: LookupAll = lookupAll): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname).then(
      (addresses) => {
        const inward = addresses.find((a) => isRefusedAddress(a.address));
        if (inward || !addresses.length) {
          const error: NodeJS.ErrnoException = new Error(
            inward
              ? `${hostname} resolves to ${inward.address}, a private, loopback or link-local address: webhooks must go to a public host.`
              : `${hostname} could not be resolved.`,
          );
          error.code = inward ? "EREFUSEDADDRESS" : "ENOTFOUND";
          return callback(error, "");
        }
        if (options?.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
