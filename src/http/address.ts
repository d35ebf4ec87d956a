// Which addresses a link check may connect to. Private, loopback, link-local, CGNAT, multicast,
// reserved and cloud-metadata addresses are refused unless allowed: a pull request must not make
// CI probe its own network. The check runs in the connect step (after DNS), so a name that
// resolves to a private address, or a redirect to one, is refused too.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (includes fd00:ec2::254, a metadata address)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** True when the address is not a public unicast address. IPv4-mapped IPv6 is judged as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse
}

export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATE';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    // A literal address is not resolved: say what it is, not that it resolves to itself.
    super(hostname === address ? `${address} is a private or reserved address` : `${hostname} resolves to ${address}, a private or reserved address`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => void;

/**
 * A drop-in for dns.lookup (the `lookup` option of net.connect) for one run of the checker:
 * each name is looked up once (many concurrent getaddrinfo calls for the same name are slow and
 * impolite), and unless `allowPrivate`, a name with any private address fails with EPRIVATE (an
 * attacker could otherwise mix a public and a private answer).
 */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

export interface Lookup {
  lookup: LookupFunction;
  /**
   * Whether the resolver works: some name resolved this run, or `probeName` does (asked once).
   * Without a working resolver, "name not found" says nothing about the name.
   */
  resolverWorks(probeName: string): Promise<boolean>;
  /** The error a name's lookup already failed with this run, if it did: no request can reach that host. */
  failure(hostname: string): Error | undefined;
}

export function createLookup(allowPrivate: boolean, resolveName: Resolve = systemResolve): Lookup {
  const answers = new Map<string, Promise<LookupAddress[]>>();
  const failures = new Map<string, Error>();
  let resolved = false;
  let probe: Promise<boolean> | undefined;
  const ask = (hostname: string): Promise<LookupAddress[]> => {
    let answer = answers.get(hostname);
    if (!answer) {
      answer = resolveName(hostname);
      answer.then((all) => void (resolved ||= all.length > 0), (error: Error) => void failures.set(hostname, error));
      answers.set(hostname, answer);
    }
    return answer;
  };
  const resolverWorks = async (probeName: string): Promise<boolean> => {
    if (resolved) return true;
    probe ??= ask(probeName).then((all) => all.length > 0, () => false);
    return (await probe) || resolved;
  };
  const lookup: LookupFunction = (hostname, options, callback) => {
    const answer = ask(hostname);
    answer.then(
      (all) => {
        const family = (options as { family?: number | string }).family;
        const wanted = family === 4 || family === 6 ? all.filter((a) => a.family === family) : all;
        const bad = allowPrivate ? undefined : all.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new PrivateAddressError(hostname, bad.address) as unknown as NodeJS.ErrnoException, []);
        if (!wanted.length) return callback(Object.assign(new Error(`no IPv${String(family)} address for ${hostname}`), { code: 'ENOTFOUND' }), []);
        if ((options as LookupAllOptions).all) return callback(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
  return { lookup, resolverWorks, failure: (hostname) => failures.get(hostname) };
}

/** For a URL whose host is an IP literal (no lookup happens for those): the refusal, if any. */
export function literalAddressRefusal(url: URL): PrivateAddressError | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) && isPrivateAddress(host) ? new PrivateAddressError(host, host) : undefined;
}
