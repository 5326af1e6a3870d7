import type { RequestHandler } from 'express';
import { everyMinuteAtMost, observationOfResponse, type Logger } from '@linju/observability';

/**
 * Says in the log when this subgraph's store stops answering and when it answers again: a warning
 * when a request is answered DATABASE_UNAVAILABLE (repeated at most once a minute while it lasts),
 * and one line when a request is answered without it again. Mounted after the request's
 * observation, so it reads the answer that finally left.
 */
export function storeWatch(name: string, logger: Logger): RequestHandler {
  let down = false;
  const warn = everyMinuteAtMost(
    1,
    () => logger.warn({ store: name, database: 'down' }, `the ${name} store cannot be reached: requests are answered DATABASE_UNAVAILABLE until its database is back`),
    (dropped) => logger.warn({ store: name, database: 'down', dropped }, `the ${name} store is still down: ${dropped} more requests were answered DATABASE_UNAVAILABLE`),
  );
  return (_request, response, next) => {
    response.once('finish', () => {
      const observation = observationOfResponse(response);
      if (!observation) return;
      if (observation.errorCodes.has('DATABASE_UNAVAILABLE')) {
        down = true;
        warn();
      } else if (down && response.statusCode < 400) {
        down = false;
        logger.info({ store: name, database: 'up' }, `the ${name} store answers again`);
      }
    });
    next();
  };
}
