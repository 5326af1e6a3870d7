import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED_FILE, readBaseSupergraph, readBaseSupergraphs } from '../src/checks/baseSupergraph.ts';
import { compareWithBase, refusedChanges } from '../src/checks/checkSchema.ts';
import { composeSupergraph } from '../src/composeSupergraph.ts';
import { publishSchema } from '../src/publishSchema.ts';

// Scratch repositories with real supergraphs, as the QA pass bypassed the check: v1 is published,
// v2 makes withdrawnRecords' first argument required (breaking), v3 only adds a field to v1.
const scratch = mkdtempSync(join(tmpdir(), 'linju-published-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const supergraph = async (query: string) =>
  (await composeSupergraph([{ name: 'shared', url: 'http://127.0.0.1:0/shared', typeDefs: parse(`${link}\ntype Query { ${query} }`) }])).supergraphSdl;
const v1 = await supergraph('withdrawnRecords(first: Int = 20, after: String): [String!]!');
const v2 = await supergraph('withdrawnRecords(first: Int!, after: String): [String!]!');
const v3 = await supergraph('withdrawnRecords(first: Int = 20, after: String): [String!]! withdrawnCount: Int');
const breakingChange = 'Query.withdrawnRecords arg first has changed type from Int to Int!.';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', '-c', 'advice.detachedHead=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function repository(name: string) {
  const root = join(scratch, name);
  mkdirSync(join(root, 'schema'), { recursive: true });
  git(root, 'init', '-q');
  const commit = (message: string) => {
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', message);
    return git(root, 'rev-parse', 'HEAD');
  };
  const mark = (commit: string) => writeFileSync(join(root, PUBLISHED_FILE), `${JSON.stringify({ commit })}\n`);
  return {
    root,
    git: (...args: string[]) => git(root, ...args),
    /** Commits a supergraph (and the accepted changes, if given). */
    schema(sdl: string, message: string, accepted?: string[]) {
      writeFileSync(join(root, 'schema/supergraph.graphql'), sdl);
      if (accepted) writeFileSync(join(root, 'schema/accepted-changes.json'), JSON.stringify({ accepted: accepted.map((change) => ({ change, reason: 'agreed' })) }));
      return commit(message);
    },
    /** Writes schema/published.json naming `commit`, as a hand (or a branch) would, and commits it. */
    publishByHand(published: string) {
      mark(published);
      return commit(`publish ${published.slice(0, 7)}`);
    },
    mark,
    commit,
    published: () => (JSON.parse(readFileSync(join(root, PUBLISHED_FILE), 'utf8')) as { commit: string }).commit,
  };
}

/** main: v1, published; then a docs commit. */
function publishedRepository(name: string) {
  const repo = repository(name);
  writeFileSync(join(repo.root, 'notes.md'), 'start\n');
  repo.commit('before anything was published');
  const first = repo.schema(v1, 'v1');
  repo.publishByHand(first);
  writeFileSync(join(repo.root, 'notes.md'), 'docs\n');
  repo.commit('docs');
  return { ...repo, first };
}

const base = (root: string) => readBaseSupergraph(root);

describe('the published mark cannot be moved by the branch it judges', () => {
  it('a branch that records its own breaking commit as published is refused, naming the commit; reverting it mends the branch', async () => {
    const repo = publishedRepository('own-base');
    repo.git('checkout', '-q', '-b', 'qa-breaking');
    const breaking = repo.schema(v2, 'breaking');
    expect(await base(repo.root)).toMatchObject({ label: `published@${repo.first.slice(0, 7)}` });
    // schema:publish's write, not committed yet: the working tree's move is judged too.
    repo.mark(breaking);
    await expect(base(repo.root)).rejects.toThrow(`the working tree moves the published mark from ${repo.first.slice(0, 7)} to ${breaking.slice(0, 7)}, which the check refuses: 1 breaking change(s)`);
    const publish = repo.commit('publish');
    const error = (await base(repo.root).catch((e: unknown) => e)) as Error;
    expect(error.message.split('\n')[0]).toBe(
      `schema/published.json: commit ${publish.slice(0, 7)} ("publish") moved the published mark from ${repo.first.slice(0, 7)} to ${breaking.slice(0, 7)}, which the check refuses: 1 breaking change(s) from ${repo.first.slice(0, 7)}'s supergraph to ${breaking.slice(0, 7)}'s that ${breaking.slice(0, 7)}'s schema/accepted-changes.json does not accept: ${breakingChange}`,
    );
    expect(error.message).toContain(`git revert ${publish.slice(0, 7)}`);
    // Another commit on top does not wash it out.
    writeFileSync(join(repo.root, 'notes.md'), 'more\n');
    repo.commit('more docs');
    await expect(base(repo.root)).rejects.toThrow(`commit ${publish.slice(0, 7)} ("publish") moved the published mark`);
    repo.git('revert', '--no-edit', publish);
    expect(await base(repo.root)).toMatchObject({ label: `published@${repo.first.slice(0, 7)}`, sdl: v1 });
  });

  it('a commit that removes schema/published.json is refused (the check fell back to HEAD~1 and passed); restoring it mends the branch', async () => {
    const repo = publishedRepository('removed');
    repo.git('checkout', '-q', '-b', 'qa-removed');
    repo.schema(v2, 'breaking');
    repo.git('rm', '-q', PUBLISHED_FILE);
    const removal = repo.commit('remove the mark');
    const lastWithIt = repo.git('rev-parse', '--short=7', `${removal}~1`);
    await expect(base(repo.root)).rejects.toThrow(`schema/published.json is missing, yet commit ${lastWithIt} had it: it names the commit last published, which the check judges against, and may not be removed.\nRestore it: git checkout ${lastWithIt} -- schema/published.json`);
    // On main too, where HEAD~1 would be the fallback.
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'qa-removed');
    await expect(base(repo.root)).rejects.toThrow(/may not be removed/);
    // Only in the working tree: refused as well.
    repo.git('checkout', '-q', '-b', 'restored', `${removal}~1`);
    rmSync(join(repo.root, PUBLISHED_FILE));
    await expect(base(repo.root)).rejects.toThrow(/schema\/published\.json is missing, yet HEAD has it/);
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', removal + '~1', '--', PUBLISHED_FILE);
    repo.commit('restore the mark');
    expect(await base(repo.root)).toMatchObject({ label: `published@${repo.first.slice(0, 7)}` });
  });

  it('a move back to an older commit, or to one outside main for the first mark, is refused', async () => {
    const repo = publishedRepository('backwards');
    const later = repo.schema(v3, 'v3');
    repo.publishByHand(later);
    expect(await base(repo.root)).toMatchObject({ label: `published@${later.slice(0, 7)}`, sdl: v3 });
    repo.publishByHand(repo.first);
    await expect(base(repo.root)).rejects.toThrow(`${repo.first.slice(0, 7)} is older than ${later.slice(0, 7)}, the commit published before it: the mark only moves forward`);

    const fresh = repository('first-mark');
    fresh.schema(v1, 'v1');
    fresh.git('checkout', '-q', '-b', 'branch');
    const own = fresh.schema(v2, 'breaking');
    fresh.publishByHand(own);
    await expect(base(fresh.root)).rejects.toThrow(`${own.slice(0, 7)} is not a commit of main, as the first published commit must be`);
  });

  it('a forward move whose breaking change the published commit accepts passes', async () => {
    const repo = publishedRepository('accepted');
    const accepted = repo.schema(v2, 'breaking, accepted', [breakingChange]);
    repo.publishByHand(accepted);
    expect(await base(repo.root)).toMatchObject({ label: `published@${accepted.slice(0, 7)}`, sdl: v2 });
  });
});

describe('a base given by --base or LINJU_SCHEMA_BASE adds a comparison, never replaces the published mark\'s', () => {
  /** The breaking changes the working tree's supergraph (`sdl`) has against each base the check reads, by label. */
  const refusedAgainst = async (root: string, given: string, sdl: string) =>
    Object.fromEntries((await readBaseSupergraphs(given, root)).map((base) => [base.label, refusedChanges(compareWithBase({ baseSupergraphSdl: base.sdl, supergraphSdl: sdl, operations: [] }).changes).length]));

  it('the QA steps: a field added and published (A), then removed (B); LINJU_SCHEMA_BASE=HEAD let B through', async () => {
    const repo = publishedRepository('base-head');
    const a = repo.schema(v3, 'A: add withdrawnCount');
    repo.publishByHand(a);
    repo.schema(v1, 'B: remove withdrawnCount');
    const published = `published@${a.slice(0, 7)}`;
    expect(await refusedAgainst(repo.root, '', v1)).toEqual({ [published]: 1 });
    // HEAD (or HEAD~0, or the working tree's own file) is what the check judges: it adds nothing, and the
    // published base still refuses B (a job passing the last deployed commit, run again on it, is not failed for it).
    for (const given of ['HEAD', 'HEAD~0', join(repo.root, 'schema/supergraph.graphql')]) {
      expect(await refusedAgainst(repo.root, given, v1)).toEqual({ [published]: 1 });
      expect((await readBaseSupergraphs(given, repo.root))[0]!.why).toContain(`the base given, "${given}", is what the check judges and adds nothing`);
    }
    // Another base that passes: the published one is still judged, and refuses.
    writeFileSync(join(repo.root, 'notes.md'), 'after B\n');
    const docs = repo.commit('docs after B');
    expect(await refusedAgainst(repo.root, 'HEAD~1', v1)).toEqual({ [published]: 1, [`HEAD~1@${repo.git('rev-parse', '--short=7', `${docs}~1`)}`]: 0 });
    // With schema/published.json removed (git rm), a given base does not stand in for the mark.
    repo.git('rm', '-q', PUBLISHED_FILE);
    await expect(readBaseSupergraphs('HEAD~1', repo.root)).rejects.toThrow(/schema\/published\.json is missing, yet HEAD has it/);
    repo.git('commit', '-q', '-m', 'remove the mark');
    await expect(readBaseSupergraphs('HEAD~2', repo.root)).rejects.toThrow(/schema\/published\.json is missing, yet commit [0-9a-f]{7} had it/);
  });

  it('HEAD given where the published base cannot be read says why that base cannot, not that HEAD compares with itself', async () => {
    // A removed mark and a shallow clone: da72630 reported both as `The base "HEAD" is HEAD's commit …`, hiding what to mend.
    const repo = publishedRepository('base-head-unreadable');
    repo.git('rm', '-q', PUBLISHED_FILE);
    await expect(readBaseSupergraphs('HEAD', repo.root)).rejects.toThrow(/schema\/published\.json is missing, yet HEAD has it/);
    const clone = join(scratch, 'base-head-shallow-clone');
    git(scratch, 'clone', '-q', '--depth', '1', `file://${repo.root}`, clone);
    await expect(readBaseSupergraphs('HEAD', clone)).rejects.toThrow(/A shallow clone: .*\(git fetch --unshallow\)/);
    // Where no mark decides (a source tree without git), the tree's own file as the only base is still refused for itself.
    const tree = join(scratch, 'base-head-no-git');
    mkdirSync(join(tree, 'schema'), { recursive: true });
    writeFileSync(join(tree, 'schema/supergraph.graphql'), v1);
    await expect(readBaseSupergraphs(join(tree, 'schema/supergraph.graphql'), tree)).rejects.toThrow(/is the working tree's own schema\/supergraph\.graphql, which the check judges: comparing it with itself passes every change/);
  });

  it('a shallow clone is refused with a base given too (it hides whether the history had the mark)', async () => {
    const repo = publishedRepository('base-shallow');
    const clone = join(scratch, 'base-shallow-clone');
    git(scratch, 'clone', '-q', '--depth', '1', `file://${repo.root}`, clone);
    rmSync(join(clone, PUBLISHED_FILE));
    const production = join(scratch, 'production.graphql');
    writeFileSync(production, v1);
    await expect(readBaseSupergraphs(production, clone)).rejects.toThrow(/A shallow clone: .*\(git fetch --unshallow\)/);
  });
});

describe('npm run schema:publish', () => {
  it('records a commit of main after the published one, and removes the accepted changes it shipped', async () => {
    const repo = publishedRepository('publish');
    const accepted = repo.schema(v2, 'breaking, accepted', [breakingChange]);
    expect(await publishSchema(repo.root, 'HEAD')).toBe(`Recorded ${accepted.slice(0, 7)} as published in ${PUBLISHED_FILE} (after ${repo.first.slice(0, 7)}), and removed from schema/accepted-changes.json the 1 accepted change(s) it shipped: commit both.`);
    expect(repo.published()).toBe(accepted);
    repo.commit('publish');
    expect(await base(repo.root)).toMatchObject({ label: `published@${accepted.slice(0, 7)}` });
  });

  it.each<[string, (repo: ReturnType<typeof publishedRepository>) => string, RegExp]>([
    ['a commit of a branch', (repo) => {
      repo.git('checkout', '-q', '-b', 'feature');
      repo.schema(v3, 'v3');
      return 'HEAD';
    }, /^[0-9a-f]{7} is not a commit of main \(a branch's\?\)/],
    ['a commit older than the one published', (repo) => `${repo.first}~1`, /is older than [0-9a-f]{7}, the commit published before it/],
    ['the commit published now', (repo) => repo.first, /is already the published commit/],
    ['a commit HEAD does not contain', (repo) => {
      const tip = repo.schema(v3, 'v3');
      repo.git('checkout', '-q', '--detach', 'HEAD~1');
      return tip;
    }, /is not an ancestor of HEAD \(check out main to publish it\)/],
    ['a breaking change its accepted-changes.json does not accept', (repo) => repo.schema(v2, 'breaking'), new RegExp(`1 breaking change\\(s\\) .*: ${breakingChange.replace(/[().!]/g, '\\$&')}\\nA breaking change is published only when`)],
    ['a mark that does not pass the check', (repo) => {
      const breaking = repo.schema(v2, 'breaking');
      repo.publishByHand(breaking);
      writeFileSync(join(repo.root, 'notes.md'), 'later\n');
      return repo.commit('later');
    }, /the published mark as it stands does not pass the check.*\n.*moved the published mark/],
  ])('refuses %s, writing nothing', async (_what, prepare, message) => {
    const repo = publishedRepository(`refuse-${_what.replace(/\W+/g, '-')}`);
    const ref = prepare(repo);
    const before = readFileSync(join(repo.root, PUBLISHED_FILE), 'utf8');
    await expect(publishSchema(repo.root, ref)).rejects.toThrow(message);
    expect(readFileSync(join(repo.root, PUBLISHED_FILE), 'utf8')).toBe(before);
  });
});
