/**
 * The joint store's child rows as its subgraph lists them under their parent: the table, the
 * parent's column and the order (SQL). The benchmark's monolith lists them alike.
 */
export const JOINT_CHILDREN = {
  members: { table: 'alliance_member', column: 'alliance_id', order: 'jurisdiction DESC, organization_id' },
  agreementsOfAlliance: { table: 'agreement', column: 'alliance_id', order: 'signed_on, id' },
  signatories: { table: 'agreement_signatory', column: 'agreement_id', order: 'organization_id' },
  items: { table: 'cooperation_item', column: 'agreement_id', order: 'position, id' },
} as const;

export type JointChild = keyof typeof JOINT_CHILDREN;
