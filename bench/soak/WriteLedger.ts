import { postGraphQL, type GraphQLBody } from './postGraphQL.ts';
import { spreadWrite, WRITE_YEAR } from '../measure/writeSpread.ts';
import { ORGANIZATIONS, RECORD, recordVariables, SIDES, WRITTEN } from './soakOperations.ts';
import type { SoakTokens } from './soakTokens.ts';

/** The seed of the writes' spread: every soak places its n-th write alike. */
const SOAK_SEED = 1;

/** One write the load sent. */
interface Write {
  side: string;
  key: string;
  title: string;
  /** Its day and organizer, spread over the year and the side's town committees (a retry sends the same). */
  heldOn: string;
  organizerId: string;
  /** The ID the gateway acknowledged (data, no error). */
  id?: string;
  error?: string;
}

/** What became of the writes: the soak passes only with nothing lost, missing or duplicated. */
export interface WriteCheck {
  sent: number;
  acknowledged: number;
  notAcknowledged: number;
  /** Not acknowledged, yet in the store after the load. */
  notAcknowledgedButCommitted: number;
  lostAcknowledged: { title: string; id: string | undefined }[];
  retriedWithSameKey: number;
  stillMissingAfterRetry: { title: string; error: string | undefined }[];
  duplicates: { title: string; ids: string[] }[];
}

/**
 * The write bookkeeping: every write the load sends gets its own idempotency key and a title that
 * carries the run's tag, and the ledger notes whether the gateway acknowledged it. After the load,
 * `check` reads every side's records back through the gateway.
 */
export class WriteLedger {
  private readonly writes: Write[] = [];

  private constructor(
    private readonly gatewayUrl: string,
    private readonly tokens: SoakTokens,
    /** By side: its live town committees, the organizers the side's writes spread over. */
    private readonly organizers: Readonly<Record<string, readonly string[]>>,
    /** Unique to the run: every title contains it. */
    readonly tag: string,
  ) {}

  /** Finds each side's organizers in its seed data: live town committees founded before the writes' year. */
  static async open(gatewayUrl: string, tokens: SoakTokens, tag: string): Promise<WriteLedger> {
    const answer = await postGraphQL(gatewayUrl, tokens.viewer, ORGANIZATIONS);
    if (answer.errors?.length || !answer.data) throw new Error(`Cannot read the seed organizations: ${JSON.stringify(answer.errors)}`);
    const organizers: Record<string, string[]> = {};
    for (const side of SIDES) {
      const edges = (answer.data[side] as { organizations: { edges: { node: { id: string; level: string; kind: string; foundedOn: string; dissolvedOn: string | null } }[] } }).organizations.edges;
      const towns = edges.map((e) => e.node).filter((o) => o.level === '乡镇' && o.kind === '党委' && !o.dissolvedOn && o.foundedOn < `${WRITE_YEAR}-01-01`);
      if (!towns.length) throw new Error(`The ${side} seed has no live town committee founded before ${WRITE_YEAR}`);
      organizers[side] = towns.map((o) => o.id);
    }
    return new WriteLedger(gatewayUrl, tokens, organizers, tag);
  }

  /** Sends a new write on `side` and notes the answer; throws on a transport error (noted too). */
  write(side: string): Promise<GraphQLBody> {
    const n = this.writes.length;
    const organizers = this.organizers[side]!;
    const { heldOn, organizer } = spreadWrite(SOAK_SEED, n, organizers.length);
    const write: Write = { side, key: `${this.tag}-${n}`, title: `压测写入-${this.tag}-${n}`, heldOn, organizerId: organizers[organizer]! };
    this.writes.push(write);
    return this.send(write);
  }

  private async send(write: Write): Promise<GraphQLBody> {
    try {
      const body = await postGraphQL(this.gatewayUrl, this.tokens.operators[write.side], RECORD(write.side), recordVariables(write));
      const id = (body.data?.[`${write.side}RecordActivity`] as { id?: string } | undefined)?.id;
      if (id && !body.errors?.length) write.id = id;
      else write.error = body.errors?.[0]?.message ?? 'no data';
      return body;
    } catch (error) {
      write.error = `transport: ${(error as Error).message}`;
      throw error;
    }
  }

  /**
   * Every acknowledged write must be in its store, once. Then the writes that were not acknowledged
   * are sent again with their own keys: each must now exist exactly once.
   */
  async check(): Promise<WriteCheck> {
    const acknowledged = this.writes.filter((w) => w.id);
    const unacknowledged = this.writes.filter((w) => !w.id);
    const afterLoad = await this.stored();
    const lost = acknowledged.filter((w) => !afterLoad.get(w.title)?.includes(w.id!));
    const committedUnacknowledged = unacknowledged.filter((w) => afterLoad.has(w.title)).length;
    for (const w of unacknowledged) await this.send(w).catch(() => undefined);
    const afterRetry = await this.stored();
    return {
      sent: this.writes.length,
      acknowledged: acknowledged.length,
      notAcknowledged: unacknowledged.length,
      notAcknowledgedButCommitted: committedUnacknowledged,
      lostAcknowledged: lost.map((w) => ({ title: w.title, id: w.id })),
      retriedWithSameKey: unacknowledged.length,
      stillMissingAfterRetry: this.writes.filter((w) => !w.id || !afterRetry.get(w.title)?.includes(w.id)).map((w) => ({ title: w.title, error: w.error })),
      duplicates: [...afterRetry].filter(([, ids]) => ids.length > 1).map(([title, ids]) => ({ title, ids })),
    };
  }

  /** The IDs stored under each title of this run, on every side. */
  private async stored(): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (const side of SIDES) {
      let after: string | null = null;
      for (let page = 0; page < Math.ceil(this.writes.length / 100) + 5; page++) {
        const body = await postGraphQL(this.gatewayUrl, this.tokens.viewer, WRITTEN(side), { search: this.tag, after });
        if (body.errors?.length || !body.data) throw new Error(`Cannot list ${side}'s written records: ${JSON.stringify(body.errors)}`);
        const activities = (body.data[side] as { activities: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; title: string } }[] } }).activities;
        for (const { node } of activities.edges) found.set(node.title, [...(found.get(node.title) ?? []), node.id]);
        if (!activities.pageInfo.hasNextPage) break;
        after = activities.pageInfo.endCursor;
      }
    }
    return found;
  }
}
