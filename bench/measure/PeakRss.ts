import { clusterRssMb, rssMb } from '../process/procfs.ts';

/**
 * Samples the resident memory of some processes every `intervalMs` and keeps each one's peak, so a
 * short spike between two samples may be missed; PostgreSQL's processes (a postmaster and its
 * children) are summed, which counts their shared buffers more than once.
 */
export class PeakRss {
  private readonly peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: () => Record<string, number | undefined>,
    private readonly intervalMs = 200,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  /** Stops sampling and returns each process's peak in MB. */
  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.sample();
    return Object.fromEntries(this.peaks);
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids())) {
      if (pid === undefined) continue;
      const mb = name.endsWith(':postgres') ? clusterRssMb(pid) : rssMb(pid);
      if (mb !== undefined) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, Math.round(mb * 10) / 10));
    }
  }
}
