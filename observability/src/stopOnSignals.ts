import type { Logger } from './logger.ts';
import { watchSupervisor } from './supervisor.ts';
import type { Tracing } from './tracing.ts';

/**
 * A server process's shutdown on SIGINT/SIGTERM, once: drain and stop (`stop`), flush the last
 * spans, exit 0 (or 1 if the stop failed). Handlers are installed at once, so a signal that arrives
 * while the process still starts is kept and acted on when `ready` hands over the stop, instead of
 * killing the process half-started. A second signal while draining (Ctrl-C's SIGINT, then a
 * supervisor's SIGTERM) does not cut the drain short. A process started with `LINJU_SUPERVISOR_PID`
 * stops the same way when that process is gone (see watchSupervisor).
 */
export function stopOnSignals(options: { logger: Logger; tracing: Tracing; stopping: string }): { ready(stop: () => Promise<void>): Promise<void> } {
  const { logger, tracing } = options;
  let stop: (() => Promise<void>) | undefined;
  let pending: NodeJS.Signals | undefined;
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping || !stop) return;
    stopping = true;
    const since = Date.now();
    logger.info({ signal }, `${signal}: ${options.stopping}`);
    try {
      await stop();
    } catch (error) {
      logger.error({ err: error }, `did not stop cleanly: ${(error as Error).message}`);
      process.exit(1);
    }
    // The spans of the last requests, before the exporter goes.
    await tracing.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'could not flush the last spans'));
    logger.info({ ms: Date.now() - since }, `stopped in ${Date.now() - since} ms`);
    // Drained: idle keep-alive sockets or exporters' timers must not keep the process up.
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop) void shutdown(signal);
    else pending ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  watchSupervisor((pid) => {
    logger.warn({ supervisorPid: pid }, `the process that started this one (PID ${pid}) is gone: stopping as on SIGTERM`);
    onSignal('SIGTERM');
  });
  return {
    async ready(stopServer) {
      stop = stopServer;
      if (pending) await shutdown(pending);
    },
  };
}
