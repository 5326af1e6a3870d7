import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, test } from 'vitest';

/**
 * QA: `kill -9` of the process running npm start left its servers serving with no owner. A server
 * started through ServiceProcess (as npm start and npm run cluster start theirs) gets its PID in
 * LINJU_SUPERVISOR_PID and, once that process is gone, stops as on SIGTERM (stopOnSignals: its stop runs).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'linju-supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('a server whose supervisor is killed with SIGKILL stops itself as on SIGTERM', async () => {
  const stoppedFile = join(dir, 'stopped');
  // The supervisor inherits a LINJU_SUPERVISOR_PID of its own (a starter started by another starter, here this test): its server must name the supervisor, not that.
  const supervisor = spawn(process.execPath, ['--import', 'tsx', 'observability/test/fixtures/supervisor.ts'], { cwd: root, env: { ...process.env, STOPPED_FILE: stoppedFile, LINJU_SUPERVISOR_PID: String(process.pid) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let childPid: number | undefined;
  try {
    for await (const line of createInterface({ input: supervisor.stdout! })) {
      childPid = Number(/^child (\d+)$/.exec(line)?.[1] ?? NaN);
      if (Number.isInteger(childPid)) break;
    }
    expect(Number.isInteger(childPid)).toBe(true);
    expect(alive(childPid!)).toBe(true);
    const named = readFileSync(`/proc/${childPid}/environ`, 'utf8').split('\0').find((entry) => entry.startsWith('LINJU_SUPERVISOR_PID='));
    expect(named).toBe(`LINJU_SUPERVISOR_PID=${supervisor.pid}`);
    supervisor.kill('SIGKILL');
    // Until it is gone, with a generous limit (not a time bound on the stop: a loaded machine is slow).
    for (let tries = 0; tries < 600 && alive(childPid!); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(childPid!), 'the server outlived its supervisor').toBe(false);
    // Stopped, not merely dead: its stop ran (a subgraph's stops its embedded PostgreSQL).
    expect(existsSync(stoppedFile) && readFileSync(stoppedFile, 'utf8')).toBe('stopped');
  } finally {
    supervisor.kill('SIGKILL');
    if (childPid && alive(childPid)) process.kill(childPid, 'SIGKILL');
  }
}, 120_000);
