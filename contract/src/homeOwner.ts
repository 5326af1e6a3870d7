import { JOINT_HOME } from './contractTypeDefs.ts';
import { jurisdictionByKey } from './jurisdictions.ts';

/**
 * Who owns the store (and subgraph) of a home key, for people: a jurisdiction (`四川省`, `Sichuan
 * Province`) or the joint office; undefined for a key the federation does not know.
 */
export function ownerOfHome(key: string): { readonly name: string; readonly nameEn: string } | undefined {
  return jurisdictionByKey(key) ?? (key === JOINT_HOME.key ? JOINT_HOME : undefined);
}
