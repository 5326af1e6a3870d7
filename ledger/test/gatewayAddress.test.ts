import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const TSX = join(import.meta.dirname, '../../node_modules/.bin/tsx');
const CLI = (name: string) => join(import.meta.dirname, `../src/${name}Cli.ts`);

/** A port nothing listens on: taken, then closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let dir: string;
let nowhere: string;
let elsewhere: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-gateway-address-'));
  nowhere = `http://127.0.0.1:${await closedPort()}/graphql`;
  elsewhere = `http://127.0.0.1:${await closedPort()}/graphql`;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function command(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  const { LINJU_GATEWAY_URL: _a, GATEWAY_URL: _b, PORT: _c, ...rest } = process.env;
  return promisify(execFile)(TSX, [CLI(name), ...args], { cwd: dir, env: { ...rest, INIT_CWD: dir, ...env } }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

/** npm run import | export | report find the gateway as every tool does (LINJU_GATEWAY_URL, --gateway over it), and say how when they cannot reach it. */
describe("the ledger's commands and the gateway's address", () => {
  test('export reads LINJU_GATEWAY_URL, and its refusal says how to give another address', async () => {
    const result = await command('export', ['--list', 'activities', '--side', 'sichuan', '--out', 'never.xlsx'], { LINJU_GATEWAY_URL: nowhere });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`导出失败：无法连接网关 ${nowhere}；未生成导出文件，请确认网关已启动后重试。网关地址可用 --gateway 或环境变量 LINJU_GATEWAY_URL 指定。`);
  });

  test('--gateway overrides it; the briefing says the same', async () => {
    const exported = await command('export', ['--list', 'activities', '--side', 'sichuan', '--out', 'never.xlsx', '--gateway', elsewhere], { LINJU_GATEWAY_URL: nowhere });
    expect(exported.stderr).toContain(`无法连接网关 ${elsewhere}；`);
    const report = await command('report', ['--period', '2021-01-01..2021-06-30', '--out', 'never.docx'], { LINJU_GATEWAY_URL: nowhere });
    expect(report.stderr.trim()).toMatch(new RegExp(`^简报生成失败：无法连接网关 ${nowhere.replace(/[.]/g, '\\.')}；.*网关地址可用 --gateway 或环境变量 LINJU_GATEWAY_URL 指定。$`));
  }, 60_000);
});
