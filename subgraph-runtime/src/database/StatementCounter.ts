import type pg from 'pg';

/** Counts the SQL statements a pool sends, so tests can prove a request's cost does not grow with its rows. */
export class StatementCounter {
  private statements = 0;

  count(): number {
    return this.statements;
  }

  reset(): void {
    this.statements = 0;
  }

  /** Counts every statement of every connection the pool opens from now on. */
  watch(pool: pg.Pool): void {
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        this.statements++;
        return query(...args);
      };
    });
  }
}
