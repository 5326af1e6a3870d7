/**
 * An error and every error inside it, outermost first: GraphQL's wrapper holds Prisma's
 * (`originalError`), which may hold the driver's (`cause`). The questions asked of a failure (is
 * the store down? did PostgreSQL refuse the data?) are answered by whichever layer knows.
 */
export function errorChain(error: unknown): object[] {
  const chain: object[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || chain.includes(current)) continue;
    chain.push(current);
    const { originalError, cause } = current as { originalError?: unknown; cause?: unknown };
    queue.push(originalError, cause);
  }
  return chain;
}
