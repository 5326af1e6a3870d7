/**
 * The one formatter of the page's times: China's (Asia/Shanghai), whatever the browser's zone, so
 * 更新于 and 数据截至 read the same clock.
 */
const chinaParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** An instant's calendar and clock parts in China. */
function inChina(at: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = chinaParts.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/**
 * An instant as China reads it: 12月4日 09:12, with the year when it is not `currentYear`
 * (2025年12月4日 09:12). Null for a value that is not a time.
 */
export function formatChinaTime(iso: string, currentYear: string): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const { year, month, day, hour, minute } = inChina(at);
  return `${year === currentYear ? '' : `${year}年`}${Number(month)}月${Number(day)}日 ${hour}:${minute}`;
}

/** The time of day in China, to the second (19:14:29 in UTC is 03:14:29): the page's 更新于. */
export function formatChinaClock(at: Date): string {
  const { hour, minute, second } = inChina(at);
  return `${hour}:${minute}:${second}`;
}
