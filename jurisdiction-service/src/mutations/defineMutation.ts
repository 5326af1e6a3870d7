import type { Db } from '@linju/subgraph-runtime';
import type { Row } from '@linju/subgraph-runtime';
import type { JurisdictionInfo } from '@linju/contract';
import { runMutation } from '@linju/subgraph-runtime';
import type { JurisdictionContext } from '../resolvers/context.ts';
import { requireWithinRegion, type Anchor } from '../regionScope.ts';

/** Refuses the write (FORBIDDEN, `outside-region`) unless every anchor lies within the caller's region. */
export type WithinRegion = (anchors: readonly Anchor[]) => Promise<void>;

/** A root mutation field's resolver: it returns the written row, which the side's type resolvers then resolve. */
export type MutationResolver = (parent: unknown, args: Record<string, unknown>, ctx: JurisdictionContext) => Promise<Row>;

/** A write of the contract, made into a resolver for one side under its field name. */
export type MutationFactory = (side: JurisdictionInfo, operation: string) => MutationResolver;

/** A write in two steps, so that what is hashed with the idempotency key is the checked input, not the raw one. */
export interface MutationDefinition<Input> {
  /** Checks the arguments without the store and returns the clean input (throws BAD_USER_INPUT). */
  clean(args: Record<string, unknown>, side: JurisdictionInfo): Input;
  /**
   * Checks the input against the store and writes, inside the mutation's one transaction. It calls
   * `withinRegion` with the records that place the write (`regionScope.ts`) before changing anything.
   */
  write(tx: Db, input: Input, side: JurisdictionInfo, withinRegion: WithinRegion): Promise<Row>;
}

export function defineMutation<Input>(definition: MutationDefinition<Input>): MutationFactory {
  return (side, operation) => (_parent, args, ctx) => {
    const input = definition.clean(args, side);
    const sender = `${ctx.caller.subject} ${ctx.caller.region ?? ''}`;
    return runMutation(ctx.prisma, { operation, idempotencyKey: args.idempotencyKey as string | null | undefined, input, sender, audit: ctx.audit }, (tx) =>
      definition.write(tx, input, side, (anchors) => requireWithinRegion(tx, ctx.caller, side, anchors, ctx.audit)),
    );
  };
}

/** The `input` argument of a write as an object (GraphQL guarantees it; nothing else is assumed of it). */
export function inputOf(args: Record<string, unknown>): Record<string, unknown> {
  return (args.input ?? {}) as Record<string, unknown>;
}
