import { isDeepStrictEqual } from 'node:util';
import { startFederation, type Federation } from './startFederation.ts';
import { federationSnapshot } from './storeSnapshot.ts';

/** Vitest's worker state (`globalThis.__vitest_worker__`): its `onCleanup` runs when the worker stops, before it is killed. */
interface VitestWorkerState {
  onCleanup?: (listener: () => unknown) => void;
}

let started: Promise<Federation> | undefined;

/** Stops the worker's shared federation, if it started one (the next `sharedFederation()` starts another). */
async function stopShared(): Promise<void> {
  const federation = started;
  started = undefined;
  await (await federation?.catch(() => undefined))?.stop();
}

function start(): Promise<Federation> {
  const federation = startFederation();
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    // One federation for all the files of a worker: stopped when the worker stops (its PostgreSQL
    // clusters, which run detached, are not left behind), not after each file.
    const worker = (globalThis as { __vitest_worker__?: VitestWorkerState }).__vitest_worker__;
    if (typeof worker?.onCleanup !== 'function') throw new Error('sharedFederation runs inside a Vitest worker only; elsewhere use startFederation');
    worker.onCleanup(stopShared);
  }
  federation.catch(() => {
    started = undefined;
  });
  return federation;
}
let cleanupRegistered = false;

/**
 * The federation as `startFederation()` starts it (every default), shared by the test files of a
 * Vitest worker that only read from it: the first caller starts it and it stops when the worker
 * stops, so with `isolate: false` (e2e's shared-modules project) the reading files pay for one
 * start instead of one each. Each caller gets it with the recorded calls and statement counts
 * reset, and its `stop()` stops nothing but checks that every store's tables are as they were when
 * the file took it (the audit log left out, as `storeSnapshot` leaves it): a file that wrote fails
 * there, and the next file gets a federation of its own. Its subgraphs cannot be stopped or
 * started. A file that writes, stops a subgraph, counts audit entries or needs any option starts
 * its own with `startFederation`.
 */
export async function sharedFederation(): Promise<Federation> {
  started ??= start();
  const federation = await started;
  federation.resetCalls();
  const before = await federationSnapshot(federation.subgraphs);
  const refuse = (what: string) => () => Promise.reject(new Error(`${what}: the shared federation's subgraphs stay up; start a federation of the file's own (startFederation) to stop one`));
  return {
    ...federation,
    stopSubgraph: refuse('stopSubgraph'),
    startSubgraph: refuse('startSubgraph'),
    async stop() {
      const after = await federationSnapshot(federation.subgraphs);
      if (isDeepStrictEqual(after, before)) return;
      await stopShared();
      const changed = Object.keys(after).flatMap((store) => Object.keys(after[store]!).filter((table) => after[store]![table] !== before[store]?.[table]).map((table) => `${store}.${table}`));
      throw new Error(`a file on the shared federation wrote to its stores (${changed.join(', ')}): a file that writes starts a federation of its own (startFederation)`);
    },
  };
}
