import { spawnSync } from 'node:child_process';

/**
 * Separate hosts on one machine: each a network namespace (`ip netns`) joined to this one by a veth
 * pair on a /30 of its own, so traffic between them crosses a real link that `tc netem` can slow
 * and `ip link set … down` can cut. Needs root (CI runs as root). Every namespace and link is named
 * with `prefix`, so leftovers of an earlier run are found and removed. No address leaves the
 * machine: the whole range is blackholed here, so a cut link's traffic is dropped, never sent to
 * the default route.
 */

/** One host: its namespace, the link's two ends and their addresses. */
export interface NetworkHost {
  /** The name it was created for, e.g. `sichuan`. */
  readonly name: string;
  /** The namespace, `<prefix>-<name>`. */
  readonly namespace: string;
  /** The link's end in this (the root) namespace; `tc` and `ip link` act on it. */
  readonly link: string;
  /** The host's address, on its end of the link (`eth0` inside the namespace). */
  readonly address: string;
  /** This namespace's address on the link: the host reaches this side here. */
  readonly gatewayAddress: string;
  /** `['ip', 'netns', 'exec', namespace]`: a command prefix that runs a program on the host. */
  readonly within: readonly string[];
}

/** The run of `ip` and `tc` commands; throws with their output on failure. */
function run(command: string, args: readonly string[], ignoreFailure = false): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (!ignoreFailure && (result.error || result.status !== 0)) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? (result.stderr || result.stdout).trim()}`);
  }
  return result.stdout ?? '';
}

/**
 * Why namespaces cannot be made here (not root, no `ip` or `tc`, or `ip netns add` refused), or
 * `undefined` when they can: tried for real with a throwaway namespace.
 */
export function networkNamespacesUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root (ip netns and tc need root; CI runs as root)';
  for (const tool of ['ip', 'tc']) {
    if (spawnSync(tool, ['-V'], { stdio: 'ignore' }).status !== 0) return `${tool} is not installed (Debian's iproute2)`;
  }
  const probe = `linju-probe-${process.pid}`;
  const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (added.status !== 0) return `ip netns add refused: ${(added.stderr || added.stdout).trim()}`;
  run('ip', ['netns', 'del', probe], true);
  return undefined;
}

/** How a link is impaired: netem's delay and loss where the kernel has netem, else htb's rate. */
export interface LinkFault {
  delay: string;
  loss: string;
  rate: string;
}

let netemHere: boolean | undefined;

/**
 * Whether this kernel has netem (CONFIG_NET_SCH_NETEM, absent from some VM kernels): tried once, on
 * the loopback of a throwaway namespace; false where namespaces cannot be made.
 */
export function kernelHasNetem(): boolean {
  if (netemHere !== undefined) return netemHere;
  if (networkNamespacesUnavailable() !== undefined) return (netemHere = false);
  const probe = `linju-netem-${process.pid}`;
  run('ip', ['netns', 'add', probe]);
  try {
    netemHere = spawnSync('ip', ['netns', 'exec', probe, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'], { stdio: 'ignore' }).status === 0;
  } finally {
    run('ip', ['netns', 'del', probe], true);
  }
  return netemHere;
}

/**
 * What {@link NetworkHosts.impair} does to a link on this kernel, in words, known before any link is
 * made: a test's title can say what it measures (`netem delay 200ms loss 5%`, or without netem
 * `htb rate 256kbit each way, no delay or loss (this kernel has no netem)`).
 */
export function linkImpairment(fault: LinkFault): string {
  return kernelHasNetem() ? `netem delay ${fault.delay} loss ${fault.loss}` : `htb rate ${fault.rate} each way, no delay or loss (this kernel has no netem)`;
}

export class NetworkHosts {
  readonly hosts: Record<string, NetworkHost> = {};

  /**
   * @param prefix names every namespace (`<prefix>-<name>`) and root-side link end (`<prefix><i>`, at most 15 characters).
   * @param subnet the first two octets of the /16 the links are carved from, e.g. `10.213`.
   */
  constructor(
    readonly prefix: string,
    readonly subnet: string,
  ) {
    if (!/^[a-z][a-z0-9]{0,9}$/.test(prefix)) throw new Error(`${prefix}: a short lowercase prefix (at most 10 characters)`);
    if (!/^\d{1,3}\.\d{1,3}$/.test(subnet)) throw new Error(`${subnet}: the first two octets of a private /16`);
  }

  /** Removes every namespace and link of this prefix, and the range's blackhole: an earlier run's leftovers, or this run's at the end. */
  removeAll(): void {
    for (const line of run('ip', ['netns', 'list'], true).split('\n')) {
      const namespace = line.split(' ')[0]!;
      // Deleting the namespace deletes its end of each veth pair, and with it the pair.
      if (namespace.startsWith(`${this.prefix}-`)) run('ip', ['netns', 'del', namespace], true);
    }
    for (const line of run('ip', ['-o', 'link', 'show'], true).split('\n')) {
      const link = /^\d+: ([^:@]+)/.exec(line)?.[1];
      if (link?.startsWith(this.prefix) && /^\d+$/.test(link.slice(this.prefix.length))) run('ip', ['link', 'del', link], true);
    }
    run('ip', ['route', 'del', 'blackhole', `${this.subnet}.0.0/16`], true);
    for (const name of Object.keys(this.hosts)) delete this.hosts[name];
  }

  /** Adds a host: its namespace with loopback up (its PostgreSQL listens there), and a link to this namespace. */
  add(name: string): NetworkHost {
    const index = Object.keys(this.hosts).length + 1;
    if (index === 1) {
      // A cut link must drop its traffic, as a cut cable does; without this the default route would carry it off the machine.
      run('ip', ['route', 'replace', 'blackhole', `${this.subnet}.0.0/16`]);
    }
    const namespace = `${this.prefix}-${name}`;
    const link = `${this.prefix}${index}`;
    const host: NetworkHost = {
      name,
      namespace,
      link,
      address: `${this.subnet}.${index}.2`,
      gatewayAddress: `${this.subnet}.${index}.1`,
      within: ['ip', 'netns', 'exec', namespace],
    };
    run('ip', ['netns', 'add', namespace]);
    this.hosts[name] = host;
    run('ip', ['link', 'add', link, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]);
    run('ip', ['addr', 'add', `${host.gatewayAddress}/30`, 'dev', link]);
    run('ip', ['link', 'set', link, 'up']);
    run('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up']);
    run('ip', ['netns', 'exec', namespace, 'ip', 'addr', 'add', `${host.address}/30`, 'dev', 'eth0']);
    run('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'eth0', 'up']);
    run('ip', ['netns', 'exec', namespace, 'ip', 'route', 'add', 'default', 'via', host.gatewayAddress]);
    return host;
  }

  /**
   * Slows the link and loses packets on it: `tc … netem delay <delay> loss <loss>` on this side's
   * end (what is sent to the host), as the brief of a lossy WAN link. A kernel built without netem
   * ({@link kernelHasNetem}) gets the nearest it has: both ends limited to `rate` by htb, a slow link
   * without delay or loss. Says which it did, as {@link linkImpairment} does beforehand.
   */
  impair(name: string, fault: LinkFault): string {
    const host = this.host(name);
    if (kernelHasNetem()) {
      run('tc', ['qdisc', 'replace', 'dev', host.link, 'root', 'netem', 'delay', fault.delay, 'loss', fault.loss]);
      return linkImpairment(fault);
    }
    for (const within of [[], ['ip', 'netns', 'exec', host.namespace]]) {
      const device = within.length ? 'eth0' : host.link;
      const tc = (args: readonly string[]) => (within.length ? run(within[0]!, [...within.slice(1), 'tc', ...args]) : run('tc', args));
      tc(['qdisc', 'replace', 'dev', device, 'root', 'handle', '1:', 'htb', 'default', '10']);
      tc(['class', 'add', 'dev', device, 'parent', '1:', 'classid', '1:10', 'htb', 'rate', fault.rate, 'ceil', fault.rate, 'burst', '1600', 'cburst', '1600']);
    }
    return linkImpairment(fault);
  }

  /** Removes the impairment of both ends. */
  heal(name: string): void {
    const host = this.host(name);
    run('tc', ['qdisc', 'del', 'dev', host.link, 'root'], true);
    run('ip', ['netns', 'exec', host.namespace, 'tc', 'qdisc', 'del', 'dev', 'eth0', 'root'], true);
  }

  /** The counters of the qdisc on this side's end of the link (`tc -s qdisc show`): what the impairment saw and did. */
  linkStatistics(name: string): { sentBytes: number; dropped: number; overlimits: number } {
    const text = run('tc', ['-s', 'qdisc', 'show', 'dev', this.host(name).link]);
    const found = /Sent (\d+) bytes \d+ pkt \(dropped (\d+), overlimits (\d+)/.exec(text);
    if (!found) throw new Error(`tc -s qdisc show dev ${this.host(name).link}: no counters in ${text}`);
    return { sentBytes: Number(found[1]), dropped: Number(found[2]), overlimits: Number(found[3]) };
  }

  /** Cuts the link (`ip link set <link> down`): its packets are dropped, nothing is refused. */
  cut(name: string): void {
    run('ip', ['link', 'set', this.host(name).link, 'down']);
  }

  /** Restores a cut link. */
  restore(name: string): void {
    run('ip', ['link', 'set', this.host(name).link, 'up']);
  }

  host(name: string): NetworkHost {
    const host = this.hosts[name];
    if (!host) throw new Error(`No host ${name}`);
    return host;
  }
}
