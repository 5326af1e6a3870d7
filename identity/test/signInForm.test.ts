import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findDevAccount } from '../src/devAccounts.ts';
import { DRAIN_BYTES, DRAIN_MS, MAX_FORM_BYTES, type RunningIdentityProvider } from '../src/identityProvider.ts';
import { beginSignIn as begin, startTestProvider } from './support/testProvider.ts';

/**
 * The sign-in form of the real development identity provider, over HTTP: a form too large is
 * refused as soon as it is known to be, not read to its end first.
 */

const clerk = findDevAccount('moxi-clerk')!;
/** Long enough for a refusal on the loopback; a form read to its end is never answered here (its end never comes). */
const ANSWER_WITHIN_MS = 5_000;

let provider: RunningIdentityProvider;

beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(() => provider?.stop());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  page: string;
}

/**
 * Posts a form as a client that keeps sending: `head` (the account and the start of the password),
 * then `more` bytes of password as fast as the provider takes them, and never ends the body unless
 * `end`. `length` is the `Content-Length` declared, if any (chunked otherwise). Resolves with the
 * answer as soon as it comes, or rejects if none comes in {@link ANSWER_WITHIN_MS}.
 */
function post(action: string, cookie: string, body: { head: string; more?: number; end?: boolean; length?: number }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms: the form is being read to its end`));
    }, ANSWER_WITHIN_MS);
    const request = httpRequest(
      action,
      {
        method: 'POST',
        headers: { cookie, origin: provider.issuer, 'content-type': 'application/x-www-form-urlencoded', ...(body.length !== undefined && { 'content-length': body.length }) },
      },
      (response) => {
        answered = true;
        clearTimeout(timer);
        let page = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => (page += text));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, page }));
        response.on('error', reject);
      },
    );
    // The provider closing the connection on a body still arriving is what a refusal may do.
    request.on('error', (error) => {
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    request.write(body.head);
    const chunk = Buffer.alloc(16 * 1024, 'x');
    let left = body.more ?? 0;
    const pump = () => {
      while (!answered && left > 0) {
        left -= chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (body.end) request.end();
    };
    pump();
  });
}

const beginSignIn = () => begin(provider.issuer);
const formOf = (login: string, password: string) => new URLSearchParams({ login, password }).toString();

/** What the person is told, and that nothing of the library's own text is in the page. */
function expectTooLargePage(answer: Answer): void {
  expect(answer.status).toBe(413);
  expect(answer.headers['content-type']).toMatch(/^text\/html/);
  expect(answer.page).toContain('账号或密码过长，请检查后重新输入（可能误粘贴了其他内容）。');
  // The form again, to type the account and password anew.
  expect(answer.page).toContain('<form method="post"');
  expect(answer.page).not.toMatch(/invalid_request|entity too large|Payload Too Large|oidc-provider|\bat \S+:\d+/i);
  // The rest of the body is never read: the connection ends with the answer.
  expect(answer.headers.connection).toBe('close');
}

describe('the sign-in form', () => {
  test('the right account and password go on with the sign-in', async () => {
    const { action, cookie } = await beginSignIn();
    const body = formOf(clerk.id, clerk.password);
    const answer = await post(action, cookie, { head: body, end: true, length: Buffer.byteLength(body) });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth/`));
    // A form read whole leaves the connection open for the next request, as ever.
    expect(answer.headers.connection).toBe('keep-alive');
  });

  test('a wrong password shows the form again, 200', async () => {
    const { action, cookie } = await beginSignIn();
    const body = formOf(clerk.id, 'moxi');
    const answer = await post(action, cookie, { head: body, end: true, length: Buffer.byteLength(body) });
    expect(answer.status).toBe(200);
    expect(answer.page).toContain('账号或密码错误，请重新输入。');
  });

  test('a form just over the limit (a password pasted by mistake) is refused, 413, with the form again in Chinese', async () => {
    const { action, cookie } = await beginSignIn();
    const body = formOf(clerk.id, 'x'.repeat(MAX_FORM_BYTES));
    expectTooLargePage(await post(action, cookie, { head: body, end: true, length: Buffer.byteLength(body) }));
    // A form of the limit's size exactly is still read.
    const fits = formOf(clerk.id, 'x'.repeat(MAX_FORM_BYTES - formOf(clerk.id, '').length));
    expect(Buffer.byteLength(fits)).toBe(MAX_FORM_BYTES);
    const again = await beginSignIn();
    expect((await post(again.action, again.cookie, { head: fits, end: true, length: MAX_FORM_BYTES })).status).toBe(200);
  });

  test('a form that declares 1 GiB is refused before any of it is sent', async () => {
    const { action, cookie } = await beginSignIn();
    expectTooLargePage(await post(action, cookie, { head: '', length: 1024 ** 3 }));
  });

  test('a form sent without a length is refused once the limit is passed, while it is still being sent', async () => {
    const { action, cookie } = await beginSignIn();
    expectTooLargePage(await post(action, cookie, { head: `login=${clerk.id}&password=`, more: 64 * 1024 * 1024 }));
  });

  test('a large form posted to a sign-in that is over is not read after the answer either', async () => {
    // Without the sign-in's cookie, as after it expired: the provider knows no such sign-in.
    const { action } = await beginSignIn();
    const answer = await post(action, '', { head: `login=${clerk.id}&password=`, more: 64 * 1024 * 1024, length: 1024 ** 3 });
    expect(answer.status).toBe(400);
    expect(answer.page).toContain('登录请求已过期或已完成。请回到原页面，重新点击“登录”。');
    expect(answer.headers.connection).toBe('close');
  });

  test('a large body sent to one of the library\'s own endpoints (the token endpoint) ends the connection with the refusal', async () => {
    const token = new URL('/token', provider.issuer).href;
    for (const body of [{ head: 'grant_type=refresh_token&refresh_token=', length: 1024 ** 3 }, { head: 'grant_type=refresh_token&refresh_token=', more: 64 * 1024 * 1024 }]) {
      const answer = await post(token, '', body);
      expect(answer.status).toBe(400);
      expect(answer.headers.connection).toBe('close');
    }
  });
});

/**
 * Posts `bodyBytes` of form on a raw socket, as a browser sends a form with a large paste: the whole
 * body, its length declared, written before the answer is read (the tab reads it once the upload is
 * done, `readAfterMs` later). Resolves with the bytes received before the connection ended, how it
 * ended (`reset` when the provider's side closed with the body unread: ECONNRESET), and `sentWhole`:
 * whether the whole body was handed to the kernel before the connection ended (the write completed
 * without an error).
 */
function postOnSocket(action: string, cookie: string, bodyBytes: number, readAfterMs: number): Promise<{ received: string; reset: boolean; sentWhole: boolean }> {
  const url = new URL(action);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let reset = false;
    let sentWhole = false;
    if (readAfterMs > 0) socket.pause();
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      reset = error.code === 'ECONNRESET' || error.code === 'EPIPE';
    });
    socket.on('close', () => resolve({ received: Buffer.concat(chunks).toString('utf8'), reset, sentWhole }));
    const body = Buffer.alloc(bodyBytes, 'x');
    body.write(`login=${clerk.id}&password=`);
    const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${cookie}\r\nOrigin: ${url.origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${bodyBytes}\r\n\r\n`;
    socket.write(head);
    socket.write(body, (error) => {
      sentWhole = !error;
      setTimeout(() => socket.resume(), readAfterMs);
    });
    setTimeout(() => socket.resume(), 5_000);
  });
}

/** The most a loopback connection's kernel buffers hold unread: the largest receive and send buffers TCP may grow to (Linux's tcp_rmem and tcp_wmem); 64 MiB where they cannot be read. */
function kernelBufferBytes(): number {
  const most = (name: string) => Number(readFileSync(`/proc/sys/net/ipv4/${name}`, 'utf8').trim().split(/\s+/).at(-1));
  try {
    const bytes = most('tcp_rmem') + most('tcp_wmem');
    return Number.isFinite(bytes) ? bytes : 64 * 1024 * 1024;
  } catch {
    return 64 * 1024 * 1024;
  }
}

describe('a large paste: the refusal reaches the browser whole', () => {
  const expectWholePage = (received: string) => {
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(received).toContain('账号或密码过长，请检查后重新输入（可能误粘贴了其他内容）。');
    expect(received.trimEnd()).toMatch(/<\/html>$/);
  };

  test('a form of 4 MiB, sent whole before the answer is read (as a tab uploads, then reads): the 413 page arrives complete, and the connection ends without a reset', async () => {
    const { action, cookie } = await beginSignIn();
    const { received, reset } = await postOnSocket(action, cookie, 4 * 1024 * 1024, 300);
    expectWholePage(received);
    expect(reset).toBe(false);
  });

  // The bound is the provider's (DRAIN_BYTES read, or DRAIN_MS): told by what it took, not by a clock,
  // which a loaded machine would make fail. A provider that read the whole body before closing would
  // let the write complete; one that never closed would leave the test to its timeout. The body is
  // more than the kernel can hold for an unread socket besides what is drained (the receiver's and the
  // sender's buffers grow up to tcp_rmem's and tcp_wmem's maxima: 32 MiB and 4 MiB here), or the
  // kernel alone would take it whole and the write complete (a CI run on a loaded machine did).
  test(`a form past what is drained (${DRAIN_BYTES} bytes), read as it is sent: the page arrives complete, and the provider ends the connection without taking the whole body (at most ${DRAIN_BYTES} bytes or ${DRAIN_MS} ms)`, async () => {
    const { action, cookie } = await beginSignIn();
    const { received, sentWhole } = await postOnSocket(action, cookie, DRAIN_BYTES + kernelBufferBytes() + DRAIN_BYTES, 0);
    expectWholePage(received);
    expect(sentWhole).toBe(false);
  });
});
