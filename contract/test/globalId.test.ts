import { describe, expect, test } from 'vitest';
import { homeJurisdiction, parseGlobalId, typenameOf } from '../src/globalId.ts';

describe('global IDs name their home', () => {
  test('parse the home, type and key: seed keys and written keys (UUIDs)', () => {
    expect(parseGlobalId('sichuan:Organization:moxi-town')).toEqual({ home: 'sichuan', type: 'Organization', key: 'moxi-town' });
    expect(parseGlobalId('sichuan:Post:moxi-town-cross-01')).toMatchObject({ key: 'moxi-town-cross-01' });
    expect(parseGlobalId('joint:Alliance:3f0c8a4e-2b1d-4c6e-9a7f-0d1e2f3a4b5c')).toMatchObject({ home: 'joint', type: 'Alliance' });
  });

  test('refuse what is not a global ID, and keys outside the alphabet (look-alikes, paths, colons)', () => {
    for (const bad of [
      '', 'Organization:1', 'sichuan:organization:1', 'Sichuan:Organization:1', 'sichuan:Organization:',
      'joint:Alliance:a:b', 'sichuan:Organization:moxi-town\u200b', 'sichuan:Organization:\u202emoxi-town', 'sichuan:Organization:moxi\ufeff-town',
      'sichuan:Organization:../x', 'sichuan:Organization:moxi/town', 'sichuan:Organization:moxi town', 'sichuan:Organization:MOXI-TOWN',
      'sichuan:Organization:moxi--town', 'sichuan:Organization:-moxi', 'sichuan:Organization:moxi-', 'sichuan:Organization:ｍoxi',
      `sichuan:Organization:${'a'.repeat(200)}`,
    ]) {
      expect(parseGlobalId(bad), bad).toBeUndefined();
    }
  });

  test("a jurisdiction's record maps to that side's concrete type, so the gateway sends it home", () => {
    expect(typenameOf('chongqing:Person:sj-001')).toBe('ChongqingPerson');
    expect(typenameOf('sichuan:Region:510904')).toBe('SichuanRegion');
    expect(homeJurisdiction('chongqing:Person:x')?.code).toBe('500000');
    // The joint office's records and unknown homes are not a jurisdiction's.
    expect(typenameOf('joint:Alliance:x')).toBeUndefined();
    expect(typenameOf('jilin:Person:x')).toBeUndefined();
  });
});
