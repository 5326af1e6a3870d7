import type DataLoader from 'dataloader';
import { rowsByColumn, type Db, type Row } from '@linju/subgraph-runtime';

/**
 * The joint store's child rows as its subgraph lists them under their parent: the table, the
 * parent's column and the order (SQL). The benchmark's monolith lists them alike.
 */
export const JOINT_CHILDREN = {
  members: { table: 'alliance_member', column: 'alliance_id', order: 'jurisdiction DESC, organization_id, period' },
  agreementsOfAlliance: { table: 'agreement', column: 'alliance_id', order: 'signed_on, id' },
  signatories: { table: 'agreement_signatory', column: 'agreement_id', order: 'organization_id' },
  items: { table: 'cooperation_item', column: 'agreement_id', order: 'position, id' },
} as const;

export type JointChild = keyof typeof JOINT_CHILDREN;

/** A loader of one kind of the joint store's child rows by parent, each parent's in its order (one statement per batch). */
export function jointChildRows<T extends object = Row>(db: Db, child: JointChild, onRows?: (rows: readonly T[]) => void): DataLoader<string, T[]> {
  const { table, column, order } = JOINT_CHILDREN[child];
  return rowsByColumn<T>(db, table, column, onRows, order);
}
