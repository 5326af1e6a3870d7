import { DEFAULT_CLAIM_READING, tokenClaims, type ClaimReading, type TokenClaims } from './tokenClaims.ts';

/** A jurisdiction as the gateway lists it (`jurisdictions { key code name }`); `code` when the page asked for it. */
export interface KnownSide {
  readonly key: string;
  readonly name: string;
  readonly code?: string;
}

/**
 * The roles that belong to no jurisdiction, in the words the stores' refusals and the ledger's use
 * (`roleNameZh` in @linju/access, which a page cannot import: it brings the GraphQL server with it).
 */
const FIXED_ROLES: Readonly<Record<string, string>> = {
  viewer: '查看者',
  'joint-operator': '遂潼联合办公室操作员',
};

/**
 * A role's name. A jurisdiction's operator (`<key>-operator`) is named after the jurisdiction as
 * the gateway lists it, so a member added to federation.json (山西省 for `shanxi-operator`) needs
 * no change here; until the page has seen that jurisdiction, its key stands in.
 */
export function roleName(role: string, sides: Iterable<KnownSide>): string {
  if (FIXED_ROLES[role]) return FIXED_ROLES[role];
  const key = /^(.+)-operator$/.exec(role)?.[1];
  if (!key) return role;
  for (const side of sides) if (side.key === key) return `${side.name}操作员`;
  return `辖区操作员（${key}）`;
}

/** Region names a page has found through the gateway, by GB/T 2260 code (510904101 → 磨溪镇). */
export type RegionNames = ReadonlyMap<string, string>;

/**
 * A region by its name when the page knows it (a province the gateway listed, or a region it has
 * found, `names`), else by its code until it does: 磨溪镇, or 区划 510904101.
 */
export function regionName(region: string, sides: Iterable<KnownSide>, names: RegionNames = new Map()): string {
  for (const side of sides) if (side.code === region) return side.name;
  return names.get(region) ?? `区划 ${region}`;
}

/**
 * Who holds a token, for a page's header: display name, role in Chinese, region by name when known
 * (e.g. `张敏 · 四川省操作员 · 磨溪镇`; `… · 区划 510904101` until the page has found its name).
 */
export function describeCaller(claims: TokenClaims, sides: Iterable<KnownSide>, names?: RegionNames): string {
  const known = [...sides];
  return [
    claims.name,
    claims.role ? roleName(claims.role, known) : '未知角色',
    claims.region && regionName(claims.region, known, names),
  ].filter(Boolean).join(' · ');
}

/**
 * A header line that names a person (`已登录：张敏 · 四川省操作员 · 磨溪镇`), split where the name is,
 * so that a page shows the name on its own: cut short with an ellipsis where it is long (a display
 * name may have 200 characters, half a phone's screen), whole in its tooltip. Null when the line
 * does not hold the name (a token not yet verified, no name in it).
 */
export function splitAtName(line: string, name: string | undefined): { before: string; name: string; after: string } | null {
  const at = name ? line.indexOf(name) : -1;
  return name && at >= 0 ? { before: line.slice(0, at), name, after: line.slice(at + name.length) } : null;
}

/**
 * A pasted or linked token, for the header: who it names and until when (the gateway checks it;
 * this is only a label), its claims read as the gateway reads them (`reading`, from
 * `/auth/config.json`).
 */
export function describeToken(token: string | null, sides: Iterable<KnownSide>, names?: RegionNames, reading: ClaimReading = DEFAULT_CLAIM_READING): string {
  if (!token) return '未登录：仅公开指标';
  const claims = tokenClaims(token, reading);
  if (!claims) return '令牌：无法识别';
  const until = claims.exp ? expiryInChina(new Date(claims.exp * 1000)) : null;
  return `令牌：${describeCaller(claims, sides, names)}${until ? `，有效至${until}` : ''}`;
}

// Made once; China's clock (Asia/Shanghai) whatever the browser's zone, as the dashboard's 更新于 reads.
const chinaClock = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An expiry as a clerk in China reads it: 12月4日 16:30. */
function expiryInChina(at: Date): string {
  const parts = chinaClock.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(part('month'))}月${Number(part('day'))}日 ${part('hour')}:${part('minute')}`;
}
