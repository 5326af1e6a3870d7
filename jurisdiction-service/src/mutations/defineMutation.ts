import { GraphQLError } from 'graphql';
import type { Caller } from '@linju/access';
import type { Db } from '@linju/subgraph-runtime';
import type { Row } from '@linju/subgraph-runtime';
import { MAX_IMPORT_ROWS, userInputError, type JurisdictionInfo } from '@linju/contract';
import { runImport, runMutation, withdrawnAmong, type CleanRow, type ImportMode, type ImportResult } from '@linju/subgraph-runtime';
import type { JurisdictionContext } from '../resolvers/context.ts';
import { refusalsOutsideRegion, requireWithinRegion, wholeCallerRefusal, type Anchor } from '../regionScope.ts';

/** Refuses the write (FORBIDDEN, `outside-region`) unless every anchor lies within the caller's region. */
export type WithinRegion = (anchors: readonly Anchor[]) => Promise<void>;

/** The batch form of {@link WithinRegion}: the refusal of each write (by position) one of whose anchors lies outside the caller's region. */
export type OutsideRegion = (anchorsByWrite: readonly (readonly Anchor[])[]) => Promise<ReadonlyMap<number, GraphQLError>>;

/** A root mutation field's resolver: it returns the written row, which the side's type resolvers then resolve. */
export type MutationResolver = (parent: unknown, args: Record<string, unknown>, ctx: JurisdictionContext) => Promise<Row>;

/** A batch field's resolver (`sichuanImportActivities`): it returns the `ImportResult`. */
export type ImportResolver = (parent: unknown, args: Record<string, unknown>, ctx: JurisdictionContext) => Promise<ImportResult>;

/**
 * A write of the contract, made into a resolver for one side under its field name; with `batch`,
 * its batch form too, made for the side under the single write's field name (its rows' keys are that write's).
 */
export type MutationFactory = ((side: JurisdictionInfo, operation: string) => MutationResolver) & {
  batch?: (side: JurisdictionInfo, operation: string) => ImportResolver;
};

/** A write in two steps, so that what is hashed with the idempotency key is the checked input, not the raw one. */
export interface MutationDefinition<Input> {
  /**
   * The write's answer names a withdrawn record by design (the withdrawal itself): a retry is always
   * its first answer. For every other write, a key whose record was since withdrawn is free again.
   */
  answersWithdrawn?: true;
  /** Checks the arguments without the store and returns the clean input (throws BAD_USER_INPUT). */
  clean(args: Record<string, unknown>, side: JurisdictionInfo): Input;
  /**
   * Checks the input against the store and writes, inside the mutation's one transaction. It calls
   * `withinRegion` with the records that place the write (`regionScope.ts`) before changing anything.
   * `caller` is who writes, for what a refusal may tell them (a person whose personal data they may
   * not read is not named: `organizationsCoveredBy`).
   */
  write(tx: Db, input: Input, side: JurisdictionInfo, withinRegion: WithinRegion, caller: Caller): Promise<Row>;
  /**
   * The batch form of `write`, for ledger imports: the same checks against the store for many
   * clean inputs at once and one insert, each a fixed number of statements whatever the rows.
   */
  batch?: {
    /** The refusal `write` would give each input, by position (inputs in order, as if written one after another). */
    check(tx: Db, inputs: readonly Input[], side: JurisdictionInfo, outsideRegion: OutsideRegion, caller: Caller): Promise<ReadonlyMap<number, GraphQLError>>;
    /** Inserts the inputs with one statement; the written rows in the same order. */
    insert(tx: Db, inputs: readonly Input[], side: JurisdictionInfo): Promise<Row[]>;
  };
}

/** Whose a key is: the caller's subject and region, so another caller replaying it is refused instead of answered. */
const senderOf = (caller: Caller): string => `${caller.subject} ${caller.region ?? ''}`;

export function defineMutation<Input>(definition: MutationDefinition<Input>): MutationFactory {
  const single: MutationFactory = (side, operation) => (_parent, args, ctx) => {
    const input = definition.clean(args, side);
    const target = (input as { id?: unknown }).id;
    const released = definition.answersWithdrawn ? {} : { released: withdrawnAmong };
    const request = {
      operation,
      idempotencyKey: args.idempotencyKey as string | null | undefined,
      input,
      sender: senderOf(ctx.caller),
      audit: ctx.audit,
      refuseCaller: (tx: Db) => wholeCallerRefusal(tx, ctx.caller, side),
      ...released,
      ...(typeof target === 'string' && { target }),
    };
    return runMutation(ctx.prisma, request, (tx) =>
      definition.write(tx, input, side, (anchors) => requireWithinRegion(tx, ctx.caller, side, anchors, ctx.audit), ctx.caller),
    );
  };
  const batch = definition.batch;
  if (!batch) return single;
  single.batch = (side, operation) => (_parent, args, ctx) => {
    const rows = args.rows as { input: unknown; idempotencyKey: unknown }[];
    if (rows.length > MAX_IMPORT_ROWS) {
      throw userInputError(`一次导入至多 ${MAX_IMPORT_ROWS} 行，本次 ${rows.length} 行，请分批导入 / rows: at most ${MAX_IMPORT_ROWS} rows per call, got ${rows.length}; send them in several calls`, 'rows', 'too-large');
    }
    // Each row is checked by the single write's own `clean`, its refusal kept for that row.
    const clean = rows.map((row): CleanRow<Input> => {
      try {
        return { input: definition.clean({ input: row.input }, side), key: row.idempotencyKey };
      } catch (error) {
        if (error instanceof GraphQLError) return { refusal: error };
        throw error;
      }
    });
    const request = { operation, sender: senderOf(ctx.caller), mode: args.mode as ImportMode, dryRun: args.dryRun === true, audit: ctx.audit };
    return runImport(ctx.prisma, request, clean, {
      check: (tx, inputs) => batch.check(tx, inputs, side, (anchors) => refusalsOutsideRegion(tx, ctx.caller, side, anchors, ctx.audit), ctx.caller),
      insert: (tx, inputs) => batch.insert(tx, inputs, side),
      released: withdrawnAmong,
      refuseCaller: (tx) => wholeCallerRefusal(tx, ctx.caller, side),
    });
  };
  return single;
}

/** The `input` argument of a write as an object (GraphQL guarantees it; nothing else is assumed of it). */
export function inputOf(args: Record<string, unknown>): Record<string, unknown> {
  return (args.input ?? {}) as Record<string, unknown>;
}
