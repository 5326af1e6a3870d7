import { describe, expect, test } from 'vitest';
import { homeJurisdiction, parseGlobalId, typenameOf } from '../src/globalId.ts';

describe('global IDs name their home', () => {
  test('parse the home, type and key; the key may contain colons', () => {
    expect(parseGlobalId('sichuan:Organization:moxi-town')).toEqual({ home: 'sichuan', type: 'Organization', key: 'moxi-town' });
    expect(parseGlobalId('joint:Alliance:a:b')).toEqual({ home: 'joint', type: 'Alliance', key: 'a:b' });
  });

  test('refuse what is not a global ID', () => {
    for (const bad of ['', 'Organization:1', 'sichuan:organization:1', 'Sichuan:Organization:1', 'sichuan:Organization:']) {
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
