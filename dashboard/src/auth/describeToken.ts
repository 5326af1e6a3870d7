/** The roles that belong to no jurisdiction. */
const FIXED_ROLES: Record<string, string> = {
  viewer: '查看者',
  'joint-operator': '联合办公室操作员',
};

/**
 * A role's name. A jurisdiction's operator (`<key>-operator`) is named after the jurisdiction as
 * the gateway lists it, so a member added to federation.json (山西省 for `shanxi-operator`) needs
 * no change here; until the page has seen that jurisdiction, its key stands in.
 */
function roleName(role: string, sides: Iterable<{ key: string; name: string }>): string {
  if (FIXED_ROLES[role]) return FIXED_ROLES[role];
  const key = /^(.+)-operator$/.exec(role)?.[1];
  if (!key) return role;
  for (const side of sides) if (side.key === key) return `${side.name}操作员`;
  return `辖区操作员（${key}）`;
}

/**
 * What a token says about itself, for the header: its role and expiry, read from its payload
 * without checking it (the gateway checks it; this is only a label). `sides`: the jurisdictions
 * the gateway has listed so far.
 */
export function describeToken(token: string | null, sides: Iterable<{ key: string; name: string }>): string {
  if (!token) return '未登录：仅公开指标';
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: string; exp?: number };
    const role = payload.role ? roleName(payload.role, sides) : '未知角色';
    const until = payload.exp ? new Date(payload.exp * 1000).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : null;
    return `令牌：${role}${until ? `，有效至${until}` : ''}`;
  } catch {
    return '令牌：无法识别';
  }
}
