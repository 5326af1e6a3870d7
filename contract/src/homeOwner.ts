import { JOINT_HOME } from './contractTypeDefs.ts';
import { jurisdictionByKey } from './jurisdictions.ts';

/**
 * Who owns the store (and subgraph) of a home key, for people: a jurisdiction (`四川省`, `Sichuan
 * Province`) or the joint office; undefined for a key the federation does not know.
 */
export function ownerOfHome(key: string): { readonly name: string; readonly nameEn: string } | undefined {
  return jurisdictionByKey(key) ?? (key === JOINT_HOME.key ? JOINT_HOME : undefined);
}

/** A home's owner by name, for a Chinese sentence (`四川省`, `遂潼联合办公室`); the key itself when the federation does not know it. */
export function homeName(key: string): string {
  return ownerOfHome(key)?.name ?? key;
}
