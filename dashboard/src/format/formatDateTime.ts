/** Hours and minutes in China (Asia/Shanghai), whatever the browser's zone. */
const chinaParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * An instant as China reads it: 12月4日 09:12, with the year when it is not `currentYear`
 * (2025年12月4日 09:12). Null for a value that is not a time.
 */
export function formatChinaTime(iso: string, currentYear: string): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const part = (type: string) => chinaParts.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  const year = part('year');
  return `${year === currentYear ? '' : `${year}年`}${Number(part('month'))}月${Number(part('day'))}日 ${part('hour')}:${part('minute')}`;
}
