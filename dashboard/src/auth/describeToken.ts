const ROLE_NAMES: Record<string, string> = {
  viewer: '查看者',
  'joint-operator': '联合办公室操作员',
  'sichuan-operator': '四川操作员',
  'chongqing-operator': '重庆操作员',
};

/**
 * What a token says about itself, for the header: its role and expiry, read from its payload
 * without checking it (the gateway checks it; this is only a label).
 */
export function describeToken(token: string | null): string {
  if (!token) return '未登录：仅公开指标';
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: string; exp?: number };
    const role = ROLE_NAMES[payload.role ?? ''] ?? payload.role ?? '未知角色';
    const until = payload.exp ? new Date(payload.exp * 1000).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : null;
    return `令牌：${role}${until ? `，有效至${until}` : ''}`;
  } catch {
    return '令牌：无法识别';
  }
}
