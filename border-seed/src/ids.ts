import { formatGlobalId } from '@linju/contract';

/** A jurisdiction whose store a seed fills. */
export type Side = 'sichuan' | 'chongqing';
/** Where a record lives: one of the sides, or the joint office. */
export type Home = Side | 'joint';

export function otherSide(side: Side): Side {
  return side === 'sichuan' ? 'chongqing' : 'sichuan';
}

/** The global ID `<home>:<Model>:<key>` of a seeded record. */
export function gid(home: Home, model: string, key: string): string {
  return formatGlobalId(home, model, key);
}

/** The local key of a global ID (the part after `<home>:<Model>:`). */
export function keyOf(id: string): string {
  return id.split(':').slice(2).join(':');
}

/** `n` zero-padded to `width` digits, for readable serial keys (`seminar-007`). */
export function serial(n: number, width = 3): string {
  return String(n).padStart(width, '0');
}

/**
 * Key of an organization's n-th committee member: `<orgKey>-01` is its 书记, `-02`… its 委员.
 * The convention is shared, so one side can name the other side's people it appoints (交叉任职).
 */
export function memberKey(orgKey: string, n: number): string {
  return `${orgKey}-${serial(n, 2)}`;
}
