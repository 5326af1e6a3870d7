import { JOINT_HOME, JURISDICTIONS, recordReferenceType, REFERENCES_SDL } from '@linju/contract';

/**
 * The joint SDL of cross-border references: the contract's `RecordReference` and
 * `CrossBorderReference`, the joint office's own reference type (it answers whether its alliances
 * and agreements exist), and a stub of each jurisdiction's, whose `exists` that home answers.
 */
export function referencesSdl(): string {
  return [REFERENCES_SDL, recordReferenceType(JOINT_HOME, true), ...JURISDICTIONS.map((j) => recordReferenceType(j, false))].join('\n\n');
}
