import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, runAccount } from '@linju/subgraph-runtime';

/** Where Debian's PostgreSQL packages put the server's programs: /usr/lib/postgresql/<major>/bin. */
const DEBIAN_POSTGRESQL = '/usr/lib/postgresql';
/** What installs it, for the message of a test that cannot run without it. */
export const SYSTEM_POSTGRES_INSTALL_HINT = 'apt-get install -y postgresql (Debian bookworm: PostgreSQL 15); .ci/run installs it';
const SUPERUSER = 'admin';

/** The newest Debian PostgreSQL's bin folder with `initdb` and `pg_ctl`, if one is installed. */
export function systemPostgresBin(): string | undefined {
  if (!existsSync(DEBIAN_POSTGRESQL)) return undefined;
  const majors = readdirSync(DEBIAN_POSTGRESQL).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  return majors.map((major) => join(DEBIAN_POSTGRESQL, major, 'bin')).find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

/**
 * Whether to skip a test of Debian's PostgreSQL: only where it is not installed and this process
 * cannot install it, said aloud. In CI (`CI=true`), where `.ci/run` installs it, a missing server
 * fails the test instead of skipping it.
 */
export function skipWithoutSystemPostgres(whose: string): boolean {
  if (systemPostgresBin() || process.env.CI === 'true') return false;
  console.warn(`Skipping ${whose}: Debian's PostgreSQL is not installed (no ${DEBIAN_POSTGRESQL}/<version>/bin/initdb); ${SYSTEM_POSTGRES_INSTALL_HINT}.`);
  return true;
}

/**
 * A PostgreSQL cluster of Debian's packages, outside the project, as an operator's would be: made
 * by `initdb` in a temporary folder, served by `pg_ctl` on a free port of 127.0.0.1 (no socket
 * file), password authentication for every role. As root it runs as the `postgres` account (or
 * `nobody`), as embedded PostgreSQL does. `stop()` and `start()` are an outage and its end, on the
 * same port; `remove()` stops it and deletes the folder.
 */
export class SystemPostgres {
  private constructor(
    private readonly bin: string,
    private readonly folder: string,
    readonly port: number,
    private readonly superuserPassword: string,
  ) {}

  /** The server's major version, e.g. `15`. */
  get major(): string {
    return readFileSync(join(this.folder, 'pg', 'PG_VERSION'), 'utf8').trim();
  }

  static async create(): Promise<SystemPostgres> {
    const bin = systemPostgresBin();
    if (!bin) throw new Error(`Debian's PostgreSQL is not installed: ${SYSTEM_POSTGRES_INSTALL_HINT}`);
    const folder = mkdtempSync(join(tmpdir(), 'linju-system-pg-'));
    // The server's account must reach its folder; the folder holds nothing secret but the test's own.
    chmodSync(folder, 0o755);
    const account = runAccount();
    const pgData = join(folder, 'pg');
    mkdirSync(pgData, { mode: 0o700 });
    const password = randomBytes(18).toString('base64url');
    const pwFile = join(folder, 'pwfile');
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (account) for (const path of [pgData, pwFile]) chownSync(path, account.uid, account.gid);
    const server = new SystemPostgres(bin, folder, await freePort(), password);
    // Should the test process end without `remove()`, the server stops with it.
    process.once('exit', () => {
      if (existsSync(join(pgData, 'postmaster.pid'))) spawnSync(join(bin, 'pg_ctl'), ['stop', '-D', pgData, '-m', 'immediate'], account ? { uid: account.uid, gid: account.gid } : {});
    });
    try {
      server.run('initdb', [`--pgdata=${pgData}`, `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale']);
      rmSync(pwFile);
      await server.start();
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    return server;
  }

  /** Starts the server (again) on its port and waits until it accepts connections. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -h 127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off`;
    this.run('pg_ctl', ['start', '-D', join(this.folder, 'pg'), '-w', '-t', '60', '-l', join(this.folder, 'pg', 'server.log'), '-o', options]);
  }

  /** Stops the server as an administrator would (`pg_ctl stop -m fast`): sessions are ended, the data stays. */
  async stop(): Promise<void> {
    this.run('pg_ctl', ['stop', '-D', join(this.folder, 'pg'), '-w', '-m', 'fast']);
  }

  /** Stops the server if it runs, and deletes its folder. */
  async remove(): Promise<void> {
    if (existsSync(join(this.folder, 'pg', 'postmaster.pid'))) await this.stop().catch(() => undefined);
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** A URL of this server for `user` and `database`. */
  url(user: string, password: string, database: string): string {
    return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
  }

  /** Runs statements as the cluster's superuser, in `database` (default `postgres`), one by one. */
  async asSuperuser(statements: readonly string[], database = 'postgres'): Promise<void> {
    const client = new pg.Client({ connectionString: this.url(SUPERUSER, this.superuserPassword, database) });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }

  private run(program: string, args: readonly string[]): void {
    const account = runAccount();
    const result = spawnSync(join(this.bin, program), args, { ...(account && { uid: account.uid, gid: account.gid }), encoding: 'utf8', cwd: this.folder });
    if (result.status !== 0) {
      const log = join(this.folder, 'pg', 'server.log');
      throw new Error(`${program} ${args[0]} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}${existsSync(log) ? `\n${readFileSync(log, 'utf8').slice(-2000)}` : ''}`);
    }
  }
}
