import { createHash } from 'node:crypto';
import type pg from 'pg';

/** At most this many statement texts are prepared per process; any text past them is sent unnamed. */
export const MAX_PREPARED_TEXTS = 200;

const names = new Map<string, string>();
/** How many times each text was prepared afresh (see `queryPrepared`), so that its next name is new. */
const afresh = new Map<string, number>();

/**
 * The name a statement's text is prepared under on each connection that sends it (pg's `name`), or
 * none once `MAX_PREPARED_TEXTS` texts have one (a statement built per batch size would prepare one
 * text per size). The name is the text's digest (and how many times it was prepared afresh), so one
 * name never stands for two texts, even for two copies of this module sharing a pool.
 */
function preparedName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED_TEXTS) {
    const times = afresh.get(text);
    names.set(text, (name = `linju_${createHash('sha256').update(text).digest('hex').slice(0, 32)}${times ? `_${times}` : ''}`));
  }
  return name;
}

/**
 * A prepared statement the connection can no longer run as prepared, refused before it ran anything:
 * its columns changed under it (a migration added one to a table it reads with `*`: "cached plan must
 * not change result type", told by the routine that raises it, in any language the store speaks), or
 * it is gone from the connection while pg believes it there (pg frees a statement whose values it then
 * fails to send).
 */
function isStalePreparation(error: unknown): boolean {
  const { code, routine } = error as { code?: unknown; routine?: unknown };
  return (code === '0A000' && routine === 'RevalidateCachedQuery') || code === '26000';
}

/**
 * Sends a statement prepared: the store parses and analyses its text once per connection instead of
 * on every request (see `connectionSettings`). Values always travel as parameters, so the texts are
 * the code's own; the first `MAX_PREPARED_TEXTS` of them are prepared (the request path's few dozen
 * come first, and are the ones sent most), and any later text is sent unnamed, as before.
 *
 * A migration applied while the pool's connections live (by `npm run migrate`, or a newer replica)
 * can change the columns of a statement prepared before it; PostgreSQL then refuses it before it
 * runs, so it is sent again under a fresh name, prepared for the tables as they are now, and every
 * connection prepares it afresh (once: the requests refused at the same moment all take the same
 * new name).
 */
export async function queryPrepared<Row extends pg.QueryResultRow>(
  pool: Pick<pg.Pool, 'query'>,
  query: { text: string; values?: unknown[]; types?: pg.CustomTypesConfig },
): Promise<pg.QueryResult<Row>> {
  // Its parts by name: a Prisma `Sql` keeps its text and values in getters, which a spread would lose.
  const { text, values, types } = query;
  const name = preparedName(text);
  try {
    return await pool.query<Row>({ name, text, values, types });
  } catch (error) {
    if (name === undefined || !isStalePreparation(error)) throw error;
    if (names.get(text) === name) {
      names.delete(text);
      afresh.set(text, (afresh.get(text) ?? 0) + 1);
    }
    return pool.query<Row>({ name: preparedName(text), text, values, types });
  }
}
