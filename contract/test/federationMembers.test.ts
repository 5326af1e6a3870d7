import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkFederationMembers, DEFAULT_FEDERATION_FILE, FEDERATION, federationFile, readFederationMembers } from '../src/federationMembers.ts';

const sichuan = { key: 'sichuan', code: '510000', typePrefix: 'Sichuan', name: '四川省', nameEn: 'Sichuan Province', directory: 'subgraph-sichuan', port: 4001 };
const chongqing = { key: 'chongqing', code: '500000', typePrefix: 'Chongqing', name: '重庆市', nameEn: 'Chongqing Municipality', directory: 'subgraph-chongqing', port: 4002 };
const joint = { directory: 'subgraph-shared', port: 4003 };

function problem(membership: unknown): string {
  try {
    checkFederationMembers(membership, '/srv/linju/federation.json');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('the membership file', () => {
  test('the committed one: Sichuan and Chongqing, then the joint office, each package where it says', () => {
    expect(FEDERATION.file).toBe(DEFAULT_FEDERATION_FILE);
    expect(FEDERATION.jurisdictions.map((j) => [j.key, j.code, j.port])).toEqual([['sichuan', '510000', 4001], ['chongqing', '500000', 4002]]);
    expect(FEDERATION.jurisdictions[0]!.directory).toBe(join(DEFAULT_FEDERATION_FILE, '..', 'subgraph-sichuan'));
    expect(FEDERATION.joint.port).toBe(4003);
  });

  test('LINJU_FEDERATION_FILE chooses another file', () => {
    expect(federationFile({ LINJU_FEDERATION_FILE: '/srv/linju/federation.json' })).toBe('/srv/linju/federation.json');
    expect(federationFile({})).toBe(DEFAULT_FEDERATION_FILE);
  });

  test('directories are relative to the file, unless absolute', () => {
    const members = checkFederationMembers({ jurisdictions: [sichuan, { ...chongqing, directory: '/opt/chongqing' }], joint }, '/srv/linju/federation.json');
    expect(members.jurisdictions.map((j) => j.directory)).toEqual(['/srv/linju/subgraph-sichuan', '/opt/chongqing']);
  });

  test.each([
    ['one side only', { jurisdictions: [sichuan], joint }, 'at least the two sides'],
    ['no joint office', { jurisdictions: [sichuan, chongqing] }, 'joint must give'],
    ['a key with capitals', { jurisdictions: [sichuan, { ...chongqing, key: 'ChongQing' }], joint }, 'jurisdictions[1].key must be'],
    ['a city code', { jurisdictions: [sichuan, { ...chongqing, code: '500100' }], joint }, 'jurisdictions[1].code must be'],
    ['a prefix in lower case', { jurisdictions: [sichuan, { ...chongqing, typePrefix: 'chongqing' }], joint }, 'jurisdictions[1].typePrefix must be'],
    ['no Chinese name', { jurisdictions: [sichuan, { ...chongqing, name: '' }], joint }, 'jurisdictions[1].name must be'],
    ['a name that would break generated code', { jurisdictions: [sichuan, { ...chongqing, name: "重庆'市" }], joint }, 'without quotes or backslashes'],
    ['an English name with a backslash', { jurisdictions: [sichuan, { ...chongqing, nameEn: 'Chongqing\\' }], joint }, 'jurisdictions[1].nameEn must be'],
    ['no port', { jurisdictions: [sichuan, { ...chongqing, port: 0 }], joint }, 'jurisdictions[1].port must be'],
    ['no directory', { jurisdictions: [sichuan, { ...chongqing, directory: ' ' }], joint }, 'jurisdictions[1].directory must'],
    ['the same key twice', { jurisdictions: [sichuan, { ...chongqing, key: 'sichuan' }], joint }, 'share key "sichuan"'],
    ['the same code twice', { jurisdictions: [sichuan, { ...chongqing, code: '510000' }], joint }, 'share code "510000"'],
    ['the same prefix twice', { jurisdictions: [sichuan, { ...chongqing, typePrefix: 'Sichuan' }], joint }, 'share typePrefix'],
    ['the joint office\'s key', { jurisdictions: [sichuan, { ...chongqing, key: 'joint' }], joint }, '"joint" is the joint office\'s key'],
    ['one port twice', { jurisdictions: [sichuan, chongqing], joint: { ...joint, port: 4001 } }, 'share a port'],
  ])('refuses %s, naming the file and what to fix', (_case, membership, expected) => {
    const message = problem(membership);
    expect(message).toContain('/srv/linju/federation.json: ');
    expect(message).toContain(expected);
  });

  describe('a file that is not JSON', () => {
    let folder: string;
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'linju-federation-'));
    });
    afterAll(() => rm(folder, { recursive: true, force: true }));

    test('is refused with its path', async () => {
      const file = join(folder, 'federation.json');
      await writeFile(file, '{ "jurisdictions": [');
      expect(() => readFederationMembers(file)).toThrow(`${file}: cannot be read as JSON`);
    });
  });
});
