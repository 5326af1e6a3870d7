/** A change from a base: the ratio minus one, or null when there is nothing to compare with. */
export function changeFrom(current: number | null | undefined, base: number | null | undefined): number | null {
  if (current === null || current === undefined || base === null || base === undefined || base === 0) return null;
  return current / base - 1;
}

/** ▲12.5% / ▼3% / 持平, or 无可比数据 when the base is 0 or not reported. */
export function describeChange(change: number | null): string {
  if (change === null) return '无可比数据';
  const percent = Math.round(change * 1000) / 10;
  if (percent === 0) return '持平';
  return `${percent > 0 ? '▲' : '▼'}${Math.abs(percent).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
}
