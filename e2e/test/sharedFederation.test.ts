import { describe, expect, test } from 'vitest';
import { sharedFederation } from '@linju/testing';

/**
 * The federation the reading files share (`sharedFederation`, testing/src/sharedFederation.ts):
 * one per worker, handed over with its recorded calls reset, its subgraphs never stopped, and a
 * file that wrote to it fails and leaves the next file a federation of its own.
 */
describe('the federation shared by the files that only read', () => {
  test('each caller gets the same federation, its recorded calls reset', async () => {
    const first = await sharedFederation();
    await first.query('{ jurisdictions { key } }');
    expect(first.subgraphCalls).not.toEqual([]);
    const second = await sharedFederation();
    expect(second.gatewayUrl).toBe(first.gatewayUrl);
    expect(second.subgraphCalls).toEqual([]);
    await second.stop();
    await first.stop();
    // Stopping it released it only: it still answers.
    expect((await first.query('{ jurisdictions { key } }')).errors).toBeUndefined();
  });

  test('its subgraphs cannot be stopped', async () => {
    const federation = await sharedFederation();
    await expect(federation.stopSubgraph('sichuan')).rejects.toThrow(/shared federation/);
    await expect(federation.startSubgraph('sichuan')).rejects.toThrow(/shared federation/);
    await federation.stop();
  });

  test('a file that wrote fails, naming the table, and the next file gets fresh stores', async () => {
    const federation = await sharedFederation();
    const pool = federation.subgraphs.joint!.pool;
    const { rows } = await pool.query<{ id: string; name: string }>('SELECT id, name FROM alliance ORDER BY id LIMIT 1');
    const alliance = rows[0]!;
    await pool.query(`UPDATE alliance SET name = name || '（改）' WHERE id = $1`, [alliance.id]);
    await expect(federation.stop()).rejects.toThrow(/wrote to its stores \(joint\.alliance\)/);
    const next = await sharedFederation();
    expect(next.gatewayUrl).not.toBe(federation.gatewayUrl);
    const again = await next.subgraphs.joint!.pool.query<{ name: string }>('SELECT name FROM alliance WHERE id = $1', [alliance.id]);
    expect(again.rows).toEqual([{ name: alliance.name }]);
    await next.stop();
  });
});
