import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { runRepoCommand } from '../repoCommand.ts';
import { dataOf } from './writeSupport.ts';

/**
 * The reconciliation of cross-border references, through the gateway on the real stores. No store
 * can check a foreign key into another, so each lists the IDs it holds of other stores' records and
 * each home says whether they still exist. With the seed nothing dangles; then records are deleted
 * behind the API's back, directly in their home store (as a faulty migration or a manual clean-up
 * would), and the query, the command and the holders' own queries must all show the dangling
 * reference: never a silent null.
 *
 * The tests run in order: each deletion adds to what dangles.
 */

/** The query exactly as the explorer's tab and `scripts/reconcile.ts` send it. */
const RECONCILIATION = readFileSync(new URL('../../../gateway/examples/5-reconciliation.graphql', import.meta.url), 'utf8');

interface HeldReference {
  sourceId: string;
  field: string;
  target: { __typename: string; id: string; exists: boolean };
}
interface ReconciliationData {
  crossBorderReferences: HeldReference[];
  jurisdictions: { key: string; crossBorderReferences: HeldReference[] }[];
}
interface Held extends HeldReference {
  store: string;
}

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation?.stop());

const pool = (store: string) => federation.subgraphs[store]!.pool;
const REFERENCE_TYPE: Record<string, string> = { sichuan: 'SichuanRecordReference', chongqing: 'ChongqingRecordReference', joint: 'JointRecordReference' };
const homeOf = (id: string) => id.split(':')[0]!;

/** Runs the reconciliation query; every reference with the store holding it. */
async function reconcile(): Promise<Held[]> {
  const data = dataOf<ReconciliationData>(await federation.query(RECONCILIATION));
  expect(data.jurisdictions.map((j) => j.key).sort()).toEqual(['chongqing', 'sichuan']);
  return [
    ...data.crossBorderReferences.map((r) => ({ store: 'joint', ...r })),
    ...data.jurisdictions.flatMap((j) => j.crossBorderReferences.map((r) => ({ store: j.key, ...r }))),
  ];
}
const dangling = (held: Held[]) => held.filter((r) => !r.target.exists);
const sortHeld = (held: Held[]) => [...held].sort((a, b) => `${a.store} ${a.sourceId} ${a.target.id}`.localeCompare(`${b.store} ${b.sourceId} ${b.target.id}`));

/** `npx tsx scripts/reconcile.ts` from the repository root, against this federation's gateway. */
async function reconcileCommand(): Promise<{ code: number; stdout: string; stderr: string }> {
  // As the joint office's operator, who runs it: the gateway refuses the query to anonymous callers.
  const token = await federation.token('joint-operator');
  return runRepoCommand(['scripts/reconcile.ts'], { GATEWAY_URL: federation.gatewayUrl, LINJU_TOKEN: token });
}

/** Runs statements in one transaction of a store, as a clerk's manual clean-up would. */
async function inTransaction<T>(store: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool(store).connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function column<T = string>(store: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await pool(store).query(sql, params)).rows.map((r) => Object.values(r)[0] as T);
}
const count = async (store: string, sql: string, params: unknown[] = []) => (await column<number>(store, `SELECT count(*)::int FROM (${sql}) t`, params))[0]!;

// ---------------------------------------------------------------------------------------------

describe('with the seed, every cross-border reference resolves at home', () => {
  test('the reconciliation query lists the references of every store, none dangling', async () => {
    federation.resetCalls();
    const held = await reconcile();
    expect(dangling(held)).toEqual([]);

    // Every store holds some, each reference is sent to its home by __typename, never to its holder.
    const byStore: Record<string, Held[]> = {};
    for (const r of held) (byStore[r.store] ??= []).push(r);
    expect(Object.keys(byStore).sort()).toEqual(['chongqing', 'joint', 'sichuan']);
    for (const r of held) {
      expect(r.target.__typename).toBe(REFERENCE_TYPE[homeOf(r.target.id)]);
      expect(homeOf(r.target.id)).not.toBe(r.store);
    }
    // The joint store's references are exactly its members (past ones too, once however many membership periods) and signatories.
    const jointRows = await count('joint', `SELECT DISTINCT alliance_id, organization_id FROM alliance_member UNION ALL SELECT agreement_id, organization_id FROM agreement_signatory`);
    expect(byStore.joint).toHaveLength(jointRows);
    expect(new Set(byStore.joint!.map((r) => r.field))).toEqual(new Set(['members', 'signatories']));
    // Each side's: the other side's post holders (cross-appointments), road ends and alliance links.
    for (const side of ['sichuan', 'chongqing']) {
      const fields = new Set(byStore[side]!.map((r) => r.field));
      expect(fields).toContain('holder');
      expect(fields).toContain('alliance');
      const crossHolders = await count(side, `SELECT id FROM post WHERE holder_id NOT LIKE $1`, [`${side}:%`]);
      expect(byStore[side]!.filter((r) => r.field === 'holder')).toHaveLength(crossHolders);
    }
    // One request to the gateway; each home was asked about its own records.
    expect(new Set(federation.subgraphCalls)).toEqual(new Set(['joint', 'sichuan', 'chongqing']));
  });

  test('the command exits 0 and says nothing dangles', async () => {
    const { code, stdout, stderr } = await reconcileCommand();
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/held by joint/);
    expect(stdout).toContain('no dangling references');
  });
});

// ---------------------------------------------------------------------------------------------

describe('a record deleted from its home store shows up as dangling', () => {
  /** What was deleted behind the API's back: a Sichuan organization, the alliance still listing it, a Chongqing person, a post still naming them. */
  const deleted = { organization: '', alliance: '', person: '', post: '' };

  test('a Sichuan alliance member deleted in Sichuan: listed as dangling, held by joint', async () => {
    // A member of one alliance only, and no signatory, so exactly one reference to it dangles; with
    // no suborganizations and no people holding posts elsewhere, so deleting it dangles nothing else.
    const candidates = await column('joint', `
      SELECT organization_id FROM alliance_member WHERE jurisdiction = 'sichuan'
        AND organization_id NOT IN (SELECT organization_id FROM agreement_signatory)
      GROUP BY organization_id HAVING count(*) = 1 ORDER BY organization_id`);
    let organization: string | undefined;
    for (const id of candidates) {
      const people = await column('sichuan', `SELECT id FROM person WHERE organization_id = $1`, [id]);
      const entangled =
        (await count('sichuan', `SELECT id FROM organization WHERE parent_id = $1 OR merged_into_id = $1`, [id])) +
        (await count('sichuan', `SELECT id FROM post WHERE holder_id = ANY($1) AND organization_id <> $2`, [people, id])) +
        (await count('sichuan', `SELECT id FROM pairing WHERE first_secretary_id = ANY($1)`, [people])) +
        (await count('sichuan', `SELECT id FROM grid WHERE responsible_id = ANY($1) AND organization_id <> $2`, [people, id])) +
        (await count('chongqing', `SELECT id FROM post WHERE holder_id = ANY($1)`, [people]));
      if (entangled === 0 && people.length > 0) {
        organization = id;
        break;
      }
    }
    expect(organization, 'the seed has a Sichuan alliance member that can be deleted on its own').toBeDefined();
    deleted.organization = organization!;
    deleted.alliance = (await column('joint', `SELECT alliance_id FROM alliance_member WHERE organization_id = $1`, [organization]))[0]!;

    // Deleted in Sichuan's store, its dependent rows first, in one transaction.
    await inTransaction('sichuan', async (db) => {
      const id = [organization];
      await db.query(`DELETE FROM team_action WHERE team_id IN (SELECT id FROM team WHERE organization_id = $1)`, id);
      for (const sql of [
        `DELETE FROM team WHERE organization_id = $1`,
        `DELETE FROM post WHERE organization_id = $1`,
        `DELETE FROM activity WHERE organizer_id = $1`,
        `DELETE FROM facility WHERE organization_id = $1`,
        `DELETE FROM project WHERE organization_id = $1`,
        `DELETE FROM pairing WHERE organization_id = $1`,
        `DELETE FROM grid WHERE organization_id = $1`,
        `DELETE FROM person WHERE organization_id = $1`,
      ]) {
        await db.query(sql, id);
      }
      expect((await db.query(`DELETE FROM organization WHERE id = $1`, id)).rowCount).toBe(1);
    });
    expect(await count('joint', `SELECT 1 FROM alliance_member WHERE organization_id = $1`, [organization])).toBe(1);

    // (a) The reconciliation lists exactly that reference, held by the joint store.
    expect(dangling(await reconcile())).toEqual([
      { store: 'joint', sourceId: deleted.alliance, field: 'members', target: { __typename: 'SichuanRecordReference', id: organization, exists: false } },
    ]);
  });

  test('the alliance still answers, its member marked as dangling with an error naming the ID: never a silent null', async () => {
    const response = await federation.query<{
      alliance: { id: string; members: { organization: { __typename: string; id: string; name: string } | null; reference: { id: string; exists: boolean } }[] };
    }>(
      `query ($id: ID!) { alliance(id: $id) { id members { organization { __typename id ... on Organization { name } } reference { id exists } } } }`,
      { id: deleted.alliance },
    );
    const members = response.data!.alliance.members;
    const index = members.findIndex((m) => m.reference.id === deleted.organization);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(members[index]).toEqual({ organization: null, reference: { id: deleted.organization, exists: false } });
    // The other members resolve at home as before.
    for (const m of members.filter((_, i) => i !== index)) {
      expect(m.reference.exists).toBe(true);
      expect(m.organization).toMatchObject({ id: m.reference.id });
      expect(m.organization!.name.length).toBeGreaterThan(0);
    }
    // The null comes with the reason: DANGLING_REFERENCE for that ID, at that member's organization.
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error!.extensions).toMatchObject({ code: 'DANGLING_REFERENCE', id: deleted.organization, store: 'sichuan' });
    expect(error!.message).toContain(deleted.organization);
    expect(error!.path).toEqual(['alliance', 'members', index, 'organization']);
  });

  test('the command exits 1 and prints the dangling ID with its holder', async () => {
    const { code, stdout } = await reconcileCommand();
    expect(code, stdout).toBe(1);
    expect(stdout).toContain('1 dangling reference(s)');
    expect(stdout).toContain('held by joint → sichuan (1)');
    expect(stdout).toContain(`${deleted.alliance} members → ${deleted.organization}`);
  });

  test('a Chongqing person holding a cross-appointment in Sichuan deleted in Chongqing: listed as dangling, held by sichuan', async () => {
    // A cross-appointed person nothing else of Chongqing's refers to (no pairing, no grid).
    const holders = await column('sichuan', `SELECT DISTINCT holder_id FROM post WHERE holder_id LIKE 'chongqing:Person:%' ORDER BY holder_id`);
    let person: string | undefined;
    for (const id of holders) {
      const entangled =
        (await count('chongqing', `SELECT id FROM pairing WHERE first_secretary_id = $1`, [id])) +
        (await count('chongqing', `SELECT id FROM grid WHERE responsible_id = $1`, [id]));
      if (entangled === 0 && (await count('chongqing', `SELECT id FROM person WHERE id = $1`, [id])) === 1) {
        person = id;
        break;
      }
    }
    expect(person, 'the seed has a cross-appointed Chongqing person').toBeDefined();
    deleted.person = person!;
    const posts = await column('sichuan', `SELECT id FROM post WHERE holder_id = $1 ORDER BY id`, [person]);
    expect(posts.length).toBeGreaterThan(0);
    deleted.post = posts[0]!;

    // Deleted in Chongqing's store with the posts it holds there, in one transaction.
    await inTransaction('chongqing', async (db) => {
      await db.query(`DELETE FROM post WHERE holder_id = $1`, [person]);
      expect((await db.query(`DELETE FROM person WHERE id = $1`, [person])).rowCount).toBe(1);
    });

    const expected: Held[] = [
      { store: 'joint', sourceId: deleted.alliance, field: 'members', target: { __typename: 'SichuanRecordReference', id: deleted.organization, exists: false } },
      ...posts.map((post) => ({ store: 'sichuan', sourceId: post, field: 'holder', target: { __typename: 'ChongqingRecordReference', id: person!, exists: false } })),
    ];
    expect(sortHeld(dangling(await reconcile()))).toEqual(sortHeld(expected));

    const { code, stdout } = await reconcileCommand();
    expect(code).toBe(1);
    expect(stdout).toContain(`${1 + posts.length} dangling reference(s)`);
    expect(stdout).toContain(`held by sichuan → chongqing (${posts.length})`);
    expect(stdout).toContain(`${deleted.post} holder → ${person}`);
  });

  test("the post's holder is reported as dangling where the post is read, never as a silent null", async () => {
    const response = await federation.query<{ sichuan: { posts: { edges: { node: { id: string } }[] } } | null }>(
      `{ sichuan { posts(filter: { crossBorder: true }, first: 100) { edges { node { id holder { __typename id name } } } } } }`,
    );
    // The error names the ID, its home, and the holder it was read for. (Post.holder is non-null in
    // the contract, so the null spreads to the enclosing fields: the error is the only trace left.)
    const errors = (response.errors ?? []).filter((e) => e.extensions?.code === 'DANGLING_REFERENCE');
    expect(errors.length, JSON.stringify(response).slice(0, 600)).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions).toMatchObject({ id: deleted.person, store: 'chongqing' });
      expect(error.message).toContain(deleted.person);
      expect(error.path?.slice(0, 3)).toEqual(['sichuan', 'posts', 'edges']);
      expect(error.path?.at(-1)).toBe('holder');
    }
  });

  test('a joint alliance deleted in the joint store: the sides\' links to it listed as dangling, held by each side', async () => {
    // An alliance both sides' records link to (Sichuan's activities among them), other than the one
    // whose member was deleted.
    const tables = async (store: string) =>
      // The records' tables, not the figure rollups (`_linju_…`, bookkeeping kept by triggers).
      column(store, `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'alliance_id' AND table_name NOT LIKE '\\_linju\\_%' ORDER BY table_name`);
    const linking = async (store: string, alliance: string) => {
      const rows: string[] = [];
      for (const table of await tables(store)) rows.push(...(await column(store, `SELECT id FROM ${table} WHERE alliance_id = $1`, [alliance])));
      return rows.sort();
    };
    let alliance: string | undefined;
    let links: Record<string, string[]> = {};
    for (const id of await column('joint', `SELECT id FROM alliance WHERE id <> $1 ORDER BY id`, [deleted.alliance])) {
      links = { sichuan: await linking('sichuan', id), chongqing: await linking('chongqing', id) };
      if (links.sichuan!.some((r) => r.startsWith('sichuan:Activity:')) && links.chongqing!.length > 0) {
        alliance = id;
        break;
      }
    }
    expect(alliance, 'the seed has an alliance both sides link records to').toBeDefined();

    const before = dangling(await reconcile());
    await inTransaction('joint', async (db) => {
      const agreements = `SELECT id FROM agreement WHERE alliance_id = $1`;
      await db.query(`DELETE FROM cooperation_item WHERE agreement_id IN (${agreements})`, [alliance]);
      await db.query(`DELETE FROM agreement_signatory WHERE agreement_id IN (${agreements})`, [alliance]);
      await db.query(`DELETE FROM agreement WHERE alliance_id = $1`, [alliance]);
      await db.query(`DELETE FROM alliance_member WHERE alliance_id = $1`, [alliance]);
      expect((await db.query(`DELETE FROM alliance WHERE id = $1`, [alliance])).rowCount).toBe(1);
    });

    const expected = (['sichuan', 'chongqing'] as const).flatMap((store) =>
      links[store]!.map((sourceId) => ({ store, sourceId, field: 'alliance', target: { __typename: 'JointRecordReference', id: alliance!, exists: false } })),
    );
    expect(sortHeld(dangling(await reconcile()))).toEqual(sortHeld([...before, ...expected]));

    // Read where it is held: the link is null, with DANGLING_REFERENCE from the joint office.
    const response = await federation.query<{ sichuan: { activities: { edges: { node: { id: string; alliance: { id: string } | null } }[] } } }>(
      `query ($allianceId: ID) { sichuan { activities(filter: { allianceId: $allianceId }, first: 100) { edges { node { id alliance { id name } } } } } }`,
      { allianceId: alliance },
    );
    const activities = response.data!.sichuan.activities.edges.map((e) => e.node);
    expect(activities.map((a) => a.id).sort()).toEqual(links.sichuan!.filter((r) => r.startsWith('sichuan:Activity:')));
    expect(activities.every((a) => a.alliance === null)).toBe(true);
    expect(response.errors).toHaveLength(activities.length);
    for (const [i, error] of response.errors!.entries()) {
      expect(error.extensions).toMatchObject({ code: 'DANGLING_REFERENCE', id: alliance, store: 'joint' });
      expect(error.path).toEqual(['sichuan', 'activities', 'edges', i, 'node', 'alliance']);
    }

    const { code, stdout } = await reconcileCommand();
    expect(code).toBe(1);
    expect(stdout).toContain(`held by sichuan → joint (${links.sichuan!.length})`);
    expect(stdout).toContain(`held by chongqing → joint (${links.chongqing!.length})`);
  });
});
