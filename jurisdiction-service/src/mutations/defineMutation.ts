import type { Db } from '@linju/subgraph-runtime';
import type { Row } from '@linju/subgraph-runtime';
import type { JurisdictionInfo } from '@linju/contract';
import { runMutation } from '@linju/subgraph-runtime';
import type { JurisdictionContext } from '../resolvers/context.ts';

/** A root mutation field's resolver: it returns the written row, which the side's type resolvers then resolve. */
export type MutationResolver = (parent: unknown, args: Record<string, unknown>, ctx: JurisdictionContext) => Promise<Row>;

/** A write of the contract, made into a resolver for one side under its field name. */
export type MutationFactory = (side: JurisdictionInfo, operation: string) => MutationResolver;

/** A write in two steps, so that what is hashed with the idempotency key is the checked input, not the raw one. */
export interface MutationDefinition<Input> {
  /** Checks the arguments without the store and returns the clean input (throws BAD_USER_INPUT). */
  clean(args: Record<string, unknown>, side: JurisdictionInfo): Input;
  /** Checks the input against the store and writes, inside the mutation's one transaction. */
  write(tx: Db, input: Input, side: JurisdictionInfo): Promise<Row>;
}

export function defineMutation<Input>(definition: MutationDefinition<Input>): MutationFactory {
  return (side, operation) => (_parent, args, ctx) => {
    const input = definition.clean(args, side);
    return runMutation(ctx.prisma, { operation, idempotencyKey: args.idempotencyKey as string | null | undefined, input, audit: ctx.audit }, (tx) =>
      definition.write(tx, input, side),
    );
  };
}

/** The `input` argument of a write as an object (GraphQL guarantees it; nothing else is assumed of it). */
export function inputOf(args: Record<string, unknown>): Record<string, unknown> {
  return (args.input ?? {}) as Record<string, unknown>;
}
