import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FEDERATION } from '@linju/contract';
import { MemberPackageError, memberPackageFile, subgraphs } from '../src/subgraphs.ts';

describe('a member\'s package, as the membership file places it (docs/configuration.md)', () => {
  test('the committed members\' files are in their folders', () => {
    const sichuan = subgraphs.find((entry) => entry.name === 'sichuan')!;
    expect(memberPackageFile(sichuan, 'src/subgraph.ts')).toBe(join(sichuan.directory, 'src/subgraph.ts'));
  });

  test('a folder that does not exist (a copy of federation.json elsewhere, its directories relative) is one line naming LINJU_FEDERATION_FILE and the folder', () => {
    const moved = { ...subgraphs[0]!, directory: '/tmp/subgraph-sichuan' };
    let refusal: unknown;
    try {
      memberPackageFile(moved, 'src/subgraph.ts', '/tmp/f.json');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(MemberPackageError);
    expect(refusal).toMatchObject({ variable: 'LINJU_FEDERATION_FILE' });
    const message = (refusal as Error).message;
    expect(message).toBe(`LINJU_FEDERATION_FILE="/tmp/f.json": the ${moved.name} member's directory is /tmp/subgraph-sichuan, which does not exist (a relative directory is resolved from the file's folder, /tmp; give an absolute one for a copy kept elsewhere)`);
    expect(FEDERATION.file).not.toBe('/tmp/f.json');
  });
});
