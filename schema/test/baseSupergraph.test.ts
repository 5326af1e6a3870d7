import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BaseUnavailableError, PUBLISHED_FILE, readBaseSupergraph, readBaseSupergraphs } from '../src/checks/baseSupergraph.ts';
import { stillAccepted } from '../src/checks/stillAccepted.ts';
import { VOCABULARY_FILE, vocabularyAt } from '../src/checks/vocabularyChanges.ts';

// Scratch repositories whose schema/supergraph.graphql says which commit it is: v1 is published
// on main; v2 is what a later commit recomposed (a breaking rename, say).
const scratch = mkdtempSync(join(tmpdir(), 'linju-base-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', '-c', 'advice.detachedHead=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function repository(name: string): { root: string; commit(version: string): string } {
  const root = join(scratch, name);
  mkdirSync(join(root, 'schema'), { recursive: true });
  git(root, 'init', '-q');
  return {
    root,
    commit(version) {
      writeFileSync(join(root, 'schema/supergraph.graphql'), `# ${version}\n`);
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', version);
      return git(root, 'rev-parse', 'HEAD');
    },
  };
}

describe('the base schema:check compares with', () => {
  it('on a branch: the merge-base with main, not what the branch itself recomposed', async () => {
    const repo = repository('branch');
    const v1 = repo.commit('v1');
    git(repo.root, 'checkout', '-q', '-b', 'rename');
    repo.commit('v2');
    repo.commit('v3');
    expect(await readBaseSupergraph(repo.root)).toMatchObject({ sdl: '# v1\n', label: `main@${v1.slice(0, 7)}`, why: 'the merge-base of HEAD and main' });
    // Detached at the branch's commit, as CI checks it out: the same base.
    git(repo.root, 'checkout', '-q', '--detach', 'rename');
    expect((await readBaseSupergraph(repo.root)).sdl).toBe('# v1\n');
  });

  it("on main: HEAD's parent, so a breaking commit with its recomposed supergraph is judged against the state before it", async () => {
    const repo = repository('main');
    repo.commit('v1');
    const v2 = repo.commit('v2');
    const v3 = repo.commit('v3');
    expect(await readBaseSupergraph(repo.root)).toMatchObject({ sdl: '# v2\n', label: `HEAD~1@${v2.slice(0, 7)}`, why: 'the commit before HEAD, which is part of main' });
    expect(v3).not.toBe(v2);
  });

  it('a branch just made from main, with no commit of its own: main as it is, not its parent (its newest commit is not the branch change)', async () => {
    const repo = repository('new-branch');
    repo.commit('v1');
    const v2 = repo.commit('v2');
    git(repo.root, 'checkout', '-q', '-b', 'cq');
    expect(await readBaseSupergraph(repo.root)).toMatchObject({ sdl: '# v2\n', label: `main@${v2.slice(0, 7)}`, why: 'the merge-base of HEAD and main: branch cq has no commit of its own yet' });
    // Detached at main's tip (as CI may check it out): main's rule, HEAD's parent.
    git(repo.root, 'checkout', '-q', '--detach', 'main');
    expect((await readBaseSupergraph(repo.root)).sdl).toBe('# v1\n');
  });

  it('a fresh clone of a branch: origin/main when there is no local main', async () => {
    const upstream = repository('upstream');
    const v1 = upstream.commit('v1');
    git(upstream.root, 'checkout', '-q', '-b', 'rename');
    upstream.commit('v2');
    const clone = join(scratch, 'clone');
    git(scratch, 'clone', '-q', '--branch', 'rename', upstream.root, clone);
    expect(await readBaseSupergraph(clone)).toMatchObject({ sdl: '# v1\n', label: `origin/main@${v1.slice(0, 7)}` });
  });

  it('with schema/published.json: the commit last published, so a breaking commit followed by another on main is still judged (HEAD~1 let it through)', async () => {
    const repo = repository('published');
    const v1 = repo.commit('v1');
    const publish = (commit: string) => {
      writeFileSync(join(repo.root, PUBLISHED_FILE), `${JSON.stringify({ commit })}\n`);
      git(repo.root, 'add', '-A');
      git(repo.root, 'commit', '-q', '-m', `publish ${commit.slice(0, 7)}`);
    };
    publish(v1);
    repo.commit('v2');
    // Another commit after the breaking one: the supergraph unchanged, as a docs commit leaves it.
    writeFileSync(join(repo.root, 'notes.md'), 'noise\n');
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-q', '-m', 'noise');
    const expected = { sdl: '# v1\n', label: `published@${v1.slice(0, 7)}`, why: 'the supergraph last published, schema/published.json: every commit since counts' };
    expect(await readBaseSupergraph(repo.root)).toMatchObject({ ...expected, commit: v1 });
    // A branch from there: the same base, every commit since the publication counted.
    git(repo.root, 'checkout', '-q', '-b', 'more');
    repo.commit('v3');
    expect(await readBaseSupergraph(repo.root)).toMatchObject(expected);
    // --base adds a comparison; the published one stays first.
    expect((await readBaseSupergraphs('main', repo.root)).map((base) => base.sdl)).toEqual(['# v1\n', '# v2\n']);
    // A commit that is not HEAD's ancestor, or not in the clone, is refused, saying how to mend the branch.
    git(repo.root, 'checkout', '-q', '--orphan', 'elsewhere');
    const stranger = repo.commit('x');
    git(repo.root, 'checkout', '-q', 'more');
    writeFileSync(join(repo.root, PUBLISHED_FILE), `${JSON.stringify({ commit: stranger })}\n`);
    await expect(readBaseSupergraph(repo.root)).rejects.toThrow(`names commit ${stranger.slice(0, 7)}, which is not an ancestor of HEAD (merge main into the branch)`);
    writeFileSync(join(repo.root, PUBLISHED_FILE), `${JSON.stringify({ commit: 'f'.repeat(40) })}\n`);
    await expect(readBaseSupergraph(repo.root)).rejects.toThrow(/names commit fffffff, which this clone lacks/);
    writeFileSync(join(repo.root, PUBLISHED_FILE), '{"commit":"HEAD"}\n');
    await expect(readBaseSupergraph(repo.root)).rejects.toThrow(/expected \{ "commit": "<40 hex digits>" \}/);
  });

  it('--base: a git ref, or a supergraph file recorded from production, compared besides the default base', async () => {
    const repo = repository('explicit');
    const v1 = repo.commit('v1');
    const v2 = repo.commit('v2');
    repo.commit('v3');
    expect(await readBaseSupergraphs(v1.slice(0, 7), repo.root)).toMatchObject([
      { sdl: '# v2\n', label: `HEAD~1@${v2.slice(0, 7)}` },
      { sdl: '# v1\n', label: `${v1.slice(0, 7)}@${v1.slice(0, 7)}`, why: 'given by --base or LINJU_SCHEMA_BASE' },
    ]);
    const published = join(scratch, 'published.graphql');
    writeFileSync(published, '# production\n');
    expect((await readBaseSupergraphs(published, repo.root))[1]).toMatchObject({ sdl: '# production\n', why: 'a supergraph file given as the base' });
    await expect(readBaseSupergraphs('no-such-ref', repo.root)).rejects.toThrow(/^"no-such-ref" is neither a supergraph file nor a git ref of this repository$/);
    // Where no default base can be read and HEAD's history never had schema/published.json, the given one is the only one.
    git(repo.root, 'branch', '-q', '-m', 'trunk');
    expect(await readBaseSupergraphs(v1, repo.root)).toMatchObject([{ sdl: '# v1\n' }]);
    const plain = mkdtempSync(join(scratch, 'plain-'));
    expect(await readBaseSupergraphs(published, plain)).toMatchObject([{ sdl: '# production\n' }]);
  });

  it.each<[string, () => string, RegExp]>([
    ['no git checkout', () => mkdtempSync(join(scratch, 'plain-')), /Not a git checkout/],
    ['no main branch', () => {
      const repo = repository('trunk');
      repo.commit('v1');
      git(repo.root, 'branch', '-q', '-m', 'trunk');
      return repo.root;
    }, /No branch main or origin\/main to compare with \(fetch it: git fetch origin main:refs\/remotes\/origin\/main\)/],
    ['a shallow clone (the history of schema/published.json is cut off)', () => {
      const upstream = repository('deep');
      upstream.commit('v1');
      upstream.commit('v2');
      const clone = join(scratch, 'shallow');
      git(scratch, 'clone', '-q', '--depth', '1', `file://${upstream.root}`, clone);
      return clone;
    }, /A shallow clone: the history of schema\/published\.json, which the check verifies, is cut off \(git fetch --unshallow\)/],
  ])('refuses to guess when there is %s, saying how to mend the clone, not naming --base', async (_what, make, message) => {
    const error = await readBaseSupergraph(make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaseUnavailableError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/--base|LINJU_SCHEMA_BASE/);
  });
});

describe('the contract vocabulary at the base commit', () => {
  it('is read from that commit’s contract/src/vocabulary.ts; a commit without one gives none', async () => {
    const repo = repository('vocabulary');
    const before = repo.commit('v1');
    mkdirSync(join(repo.root, 'contract/src'), { recursive: true });
    writeFileSync(join(repo.root, VOCABULARY_FILE), "export const VOCABULARY = { activityKind: ['座谈交流', '共建活动'] } as const;\n");
    const kept = repo.commit('v2');
    writeFileSync(join(repo.root, VOCABULARY_FILE), "export const VOCABULARY = { activityKind: ['座谈交流'] } as const;\n");
    repo.commit('v3');
    expect(await vocabularyAt(repo.root, kept)).toEqual({ activityKind: ['座谈交流', '共建活动'] });
    expect(await vocabularyAt(repo.root, before)).toBeUndefined();
  });
});

describe('publishing a commit (npm run schema:publish)', () => {
  it('removes the accepted changes that commit shipped, and keeps those accepted since, still to be published', async () => {
    const repo = repository('publishing');
    const entry = (change: string) => ({ change, reason: 'agreed' });
    const acceptedAt = (...changes: string[]) => {
      writeFileSync(join(repo.root, 'schema/accepted-changes.json'), JSON.stringify({ accepted: changes.map(entry) }));
    };
    const before = repo.commit('v1');
    acceptedAt('A.a was removed.');
    const release = repo.commit('v2');
    acceptedAt('A.a was removed.', 'B.b was removed.');
    repo.commit('v3');
    const now = [entry('A.a was removed.'), entry('B.b was removed.')];
    // The release deployed is behind main: what main accepted after it stays.
    expect(await stillAccepted(repo.root, release, now)).toEqual([entry('B.b was removed.')]);
    // A commit before any acceptance shipped none.
    expect(await stillAccepted(repo.root, before, now)).toEqual(now);
  });
});
