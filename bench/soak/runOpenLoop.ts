import { performance } from 'node:perf_hooks';
import { sleep } from '../process/Service.ts';
import { seenErrors, type GraphQLBody, type SeenError } from './postGraphQL.ts';
import { READ_KINDS, WRITE_KINDS, type Kind } from './soakOperations.ts';

/** One request of the load and its answer. */
export interface Outcome {
  kind: Kind;
  /** When it was sent and answered (epoch ms). */
  start: number;
  end: number;
  ms: number;
  /** Data and no error. */
  ok: boolean;
  /** Data and errors: a partial answer. */
  partial: boolean;
  errors: SeenError[];
}

export interface OpenLoopOptions {
  /** When the load starts (epoch ms) and for how long it runs. */
  startAt: number;
  seconds: number;
  /** Requests per second. */
  rate: number;
  /** The share of writes, 0–1; the rest are reads, each kind as often as the others. */
  writeShare: number;
  /** Requests waiting for an answer at most; one due beyond that is not sent but shed. */
  maxInFlight: number;
  /** Sends one request of a kind; throws on a transport error. */
  send: (kind: Kind) => Promise<GraphQLBody>;
  /** Ends the load early (an interrupt). */
  stopped: () => boolean;
}

/** Picks the next request: a read (each kind equally often) or, at `writeShare`, a write on a side chosen at random. */
function picker(writeShare: number): () => Kind {
  const readShare = 1 - writeShare;
  return () => {
    const r = Math.random();
    if (r < readShare) return READ_KINDS[Math.min(READ_KINDS.length - 1, Math.floor((r / readShare) * READ_KINDS.length))]!;
    return WRITE_KINDS[Math.floor(Math.random() * WRITE_KINDS.length)]!;
  };
}

/**
 * Sends requests at a fixed rate, open loop: each is sent on schedule whether or not earlier ones
 * have answered, so an outage shows as errors and latency, not as a slower sender. Beyond
 * `maxInFlight` waiting requests, one that falls due is shed (counted, not sent), so an overloaded
 * machine shows as a lower achieved rate, not as requests queued until they time out. Prints
 * progress every 10 s; resolves when every request sent has answered.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<{ outcomes: Outcome[]; shed: number }> {
  const outcomes: Outcome[] = [];
  const pick = picker(options.writeShare);
  let inFlight = 0;
  let shed = 0;
  const fire = async (kind: Kind) => {
    inFlight++;
    const start = Date.now();
    const t = performance.now();
    let body: GraphQLBody | undefined;
    let transport: string | undefined;
    try {
      body = await options.send(kind);
    } catch (error) {
      transport = (error as Error).message;
    } finally {
      inFlight--;
    }
    const errors = transport ? [{ code: 'TRANSPORT', subgraph: 'gateway', message: transport }] : seenErrors(body!);
    const hasData = !!body?.data && Object.values(body.data).some((value) => value !== null);
    outcomes.push({ kind, start, end: Date.now(), ms: performance.now() - t, ok: hasData && errors.length === 0, partial: hasData && errors.length > 0, errors });
  };

  const { startAt } = options;
  const pending: Promise<void>[] = [];
  let progress = startAt;
  for (let i = 0; !options.stopped(); i++) {
    const due = startAt + (i * 1000) / options.rate;
    if (due >= startAt + options.seconds * 1000) break;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    if (inFlight >= options.maxInFlight) shed++;
    else pending.push(fire(pick()));
    if (Date.now() - progress >= 10_000) {
      progress = Date.now();
      const failed = outcomes.filter((o) => !o.ok).length;
      console.log(`  t=${((progress - startAt) / 1000).toFixed(0)} s: ${outcomes.length} answered (${failed} with errors), ${inFlight} in flight`);
    }
  }
  await Promise.all(pending);
  return { outcomes, shed };
}
