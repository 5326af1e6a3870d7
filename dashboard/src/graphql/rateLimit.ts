import type { GraphQLError } from './sendOperation.ts';

/**
 * The public proxy's refusal of a client over its rate (HTTP 429, `Retry-After: 10`,
 * `testing/src/cluster/haproxyConfig.ts`): nothing reached the gateway, so nothing was read or written.
 */
export const RATE_LIMITED = 'RATE_LIMITED';

/** Whether an answer's errors say the proxy refused it for the client's rate. */
export const isRateLimited = (errors: readonly GraphQLError[]): boolean => errors.some((error) => error.extensions?.code === RATE_LIMITED);

/** A `Retry-After` in seconds (an HTTP date, or none, is undefined). */
export function retryAfterHeader(value: string | null): number | undefined {
  return value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/**
 * A 429's errors as `RATE_LIMITED` ones, whatever body it came with (HAProxy's GraphQL-shaped one, or
 * none a page can read: `errors` empty), each with the wait its `Retry-After` asks for in seconds
 * (`extensions.retryAfter`), for the page to say and to wait.
 */
export function rateLimitedErrors(errors: readonly GraphQLError[], retryAfter: string | null): GraphQLError[] {
  const seconds = retryAfterHeader(retryAfter);
  const found = errors.filter((error) => error?.extensions?.code === RATE_LIMITED);
  const limited: GraphQLError[] = found.length ? found : [{ message: 'Too many requests', extensions: { code: RATE_LIMITED } }];
  return limited.map((error) => ({ ...error, extensions: { ...error.extensions, ...(seconds !== undefined && { retryAfter: seconds }) } }));
}

/** The wait a rate limit asks for (its `Retry-After`, in seconds, as sendOperation keeps it), or undefined. */
export function retryAfterSeconds(errors: readonly GraphQLError[]): number | undefined {
  const seconds = errors.find((error) => error.extensions?.code === RATE_LIMITED)?.extensions?.['retryAfter'];
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * What the page says of a rate limit, the one place it is worded, with the wait `seconds` asks for
 * (片刻 when unknown): a write (`button`, the one to press again) was not made; a read the page tries
 * again itself (`retried`) says when; any other request (`by-hand`: a list, an export, an import) is
 * tried again by the person.
 */
export function rateLimitedText(seconds: number | undefined, use: { readonly button: string } | 'retried' | 'by-hand'): string {
  const wait = seconds === undefined ? '片刻' : ` ${seconds} 秒`;
  if (typeof use === 'object') return `请求过于频繁，请稍等${wait}后再点“${use.button}”；本次未写入。`;
  return use === 'retried' ? `请求过于频繁，暂时无法读取；页面将在${wait}后自动重试。` : `请求过于频繁，未能完成，请稍等${wait}后再试。`;
}
