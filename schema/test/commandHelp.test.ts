import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// npm run schema:check -- --help printed "FAILED — Unknown option '--help'", and schema:publish -- --help
// took --help for a commit ("names no commit"): both print their usage and exit 0, doing nothing else.
const schema = fileURLToPath(new URL('..', import.meta.url));
const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: schema, encoding: 'utf8' });

describe('--help', () => {
  it.each([
    ['src/check.ts', [], 'npm run schema:check [-- --subgraph <name>] [-- --base <git ref or supergraph file>]', /--base <ref\|file>/],
    // After --help, a commit that does not exist: were --help ever ignored, publish.ts would refuse it
    // rather than record this repository's HEAD.
    ['src/publish.ts', ['no-such-commit'], 'npm run schema:publish [-- <commit>]', /Refused, writing nothing, when the commit is not a commit of main/],
  ])('%s prints its usage and exits 0', (script, after, first, option) => {
    for (const flag of ['--help', '-h']) {
      const { status, stdout, stderr } = run(script, flag, ...after);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(stdout.split('\n')[0]).toBe(first);
      expect(stdout).toMatch(option);
    }
  });

  it('an unknown option of schema:check points at --help', () => {
    const { status, stdout } = run('src/check.ts', '--bogus');
    expect(status).toBe(1);
    expect(stdout.trim().split('\n').at(-1)).toBe("schema:check: FAILED — Unknown option '--bogus' (npm run schema:check -- --help lists the options)");
  });
});
