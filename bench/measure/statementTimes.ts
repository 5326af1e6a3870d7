import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { embeddedStoreState } from '@linju/subgraph-runtime';

/**
 * `--statement-times`: what each store's PostgreSQL spends executing each kind of statement, as it
 * measures it itself (`pg_stat_statements`: the time from the start of a statement's execution to
 * its end, in the server, none of the wait for a connection or the trip over the socket that the
 * subgraphs' own metrics include). Kinds by the statement's text: the caller statement's claim,
 * the audit entry, the reads, and anything else (writes, transactions).
 */
export const STATEMENT_KINDS = ['claim', 'audit', 'read', 'other'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** Per kind: statements executed and their execution time in the server, summed. */
export type StatementTimes = Record<StatementKind, { calls: number; ms: number }>;

export function statementKind(text: string): StatementKind {
  if (text.includes('_linju_caller_statement')) return 'claim';
  if (/^\s*INSERT INTO audit_log\b/i.test(text)) return 'audit';
  if (/^\s*(SELECT|WITH)\b/i.test(text) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(text)) return 'read';
  return 'other';
}

/** The line `preloadStatementStatistics` adds to a cluster's `postgresql.auto.conf`, and removes again. */
const PRELOAD = "shared_preload_libraries = 'pg_stat_statements' # linju bench --statement-times\n";

/**
 * Has each cluster (a folder of `dataDir` with its `pg/`) load `pg_stat_statements` when it next
 * starts (`on`) or not, and returns what takes the setting out again (to run once the clusters have
 * stopped). Run with `on` false too, it takes out what an interrupted run left. The bench's stores
 * are the bench's own; nothing else reads this setting.
 */
export function preloadStatementStatistics(dataDir: string, clusters: readonly string[], on: boolean): () => void {
  const files = clusters.map((cluster) => join(dataDir, cluster, 'pg', 'postgresql.auto.conf'));
  const without = files.map((file) => readFileSync(file, 'utf8').replaceAll(PRELOAD, ''));
  const write = (text: (i: number) => string) =>
    files.forEach((file, i) => {
      if (readFileSync(file, 'utf8') !== text(i)) writeFileSync(file, text(i));
    });
  write((i) => without[i]! + (on ? PRELOAD : ''));
  return () => write((i) => without[i]!);
}

/** A running cluster's statement statistics (its database `linju`: a store, or the monolith's three schemas). */
export class ClusterStatements {
  private constructor(private readonly client: pg.Client) {}

  static async open(dataDir: string, cluster: string): Promise<ClusterStatements> {
    const store = embeddedStoreState(join(dataDir, cluster));
    if (store.state !== 'running') throw new Error(`--statement-times: the ${cluster} cluster is not running`);
    const client = new pg.Client({ connectionString: store.url });
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return new ClusterStatements(client);
  }

  async reset(): Promise<void> {
    await this.client.query('SELECT pg_stat_statements_reset()');
  }

  /** Every statement of this database since the last reset, by kind; the statistics' own statements left out. */
  async read(): Promise<StatementTimes> {
    const { rows } = await this.client.query<{ query: string; calls: string; ms: number }>(
      'SELECT query, calls, total_exec_time AS ms FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE \'%pg_stat_statements%\'',
    );
    const times = Object.fromEntries(STATEMENT_KINDS.map((kind) => [kind, { calls: 0, ms: 0 }])) as StatementTimes;
    for (const row of rows) {
      const kind = times[statementKind(row.query)];
      kind.calls += Number(row.calls);
      kind.ms += row.ms;
    }
    return times;
  }

  /** Leaves the store as it was (the extension is the bench's, for the run). */
  async close(): Promise<void> {
    await this.client.query('DROP EXTENSION IF EXISTS pg_stat_statements').catch(() => undefined);
    await this.client.end();
  }
}
