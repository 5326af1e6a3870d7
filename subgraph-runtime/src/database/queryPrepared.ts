import type pg from 'pg';

/** At most this many statement texts are prepared per process; any text past them is sent unnamed. */
export const MAX_PREPARED_TEXTS = 500;

const names = new Map<string, string>();
let named = 0;

/**
 * The name a statement's text is prepared under on each connection that sends it (pg's `name`), or
 * none once `MAX_PREPARED_TEXTS` texts have one (a statement built per batch size would prepare one
 * text per size). Names are this process's own (`linju_1`, `linju_2`, …), one per text, so a
 * connection never meets one name with two texts.
 */
function preparedName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED_TEXTS) names.set(text, (name = `linju_${++named}`));
  return name;
}

/**
 * PostgreSQL refuses to run a prepared statement whose columns changed under it (a migration added
 * one to a table it reads with `*`): "cached plan must not change result type", before executing
 * anything.
 */
function isStalePreparation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test((error as Error).message);
}

/**
 * Sends a statement prepared: the store parses and analyses its text once per connection instead of
 * on every request, and may keep a generic plan of it (the benchmark's reads spent about a fifth less
 * of the stores' CPU). Values always travel as parameters, so the texts are the code's own.
 *
 * A migration applied while the pool's connections live (by `npm run migrate`, or a newer replica)
 * can change the columns of a statement prepared before it; PostgreSQL then refuses it before it
 * runs, so it is sent again under a fresh name, prepared for the tables as they are now, and every
 * connection prepares it afresh.
 */
export async function queryPrepared<Row extends pg.QueryResultRow>(
  pool: Pick<pg.Pool, 'query'>,
  query: { text: string; values?: unknown[]; types?: pg.CustomTypesConfig },
): Promise<pg.QueryResult<Row>> {
  const name = preparedName(query.text);
  if (name === undefined) return pool.query<Row>(query);
  try {
    return await pool.query<Row>({ ...query, name });
  } catch (error) {
    if (!isStalePreparation(error)) throw error;
    if (names.get(query.text) === name) names.delete(query.text);
    return pool.query<Row>({ ...query, name: preparedName(query.text) });
  }
}
