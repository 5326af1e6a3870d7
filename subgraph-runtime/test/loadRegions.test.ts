import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { recordFieldLabel } from '@linju/contract';
import { gbkBytes } from '@linju/testing/gbk';
import { planRegionLoad, readRegionFile, REGION_FILE_HEADERS, type RegionEntry } from '../src/database/loadRegions.ts';

/**
 * The region file `npm run regions -- load` reads (docs/operations.md, "The region tree"): the regions
 * export's shape, every row checked against the file and the store before anything is written. The
 * load into a real store, and an organization created after it: e2e/test/production/regionTree.test.ts.
 */

/** A CSV as the regions export writes it: a byte order mark, CRLF, a 12-digit code kept as text (`="…"`). */
const EXPORTED = [
  '\uFEFF全局 ID,区划代码,名称,层级,上级区划,所属辖区',
  'sichuan:Region:sichuan-province,510000,四川省,省级,,四川省',
  'sichuan:Region:suining-city,510900,遂宁市,市级,四川省,四川省',
  'sichuan:Region:anju-district,510904,安居区,区,遂宁市,四川省',
  'sichuan:Region:moxi-town,510904101,磨溪镇,乡镇,安居区,四川省',
  'sichuan:Region:moxi-shiqiao,"=""510904101001""",石桥村,村,磨溪镇,四川省',
  '',
].join('\r\n');

const plan = (text: string | Uint8Array, stored: RegionEntry[] = [], side = 'sichuan') => planRegionLoad(side, readRegionFile(text), stored);
const problems = (text: string, stored: RegionEntry[] = [], side = 'sichuan') => {
  const planned = plan(text, stored, side);
  return 'problems' in planned ? planned.problems : [];
};

describe('a region file', () => {
  test('an export of the regions reads back as the same tree: IDs, codes (a village’s kept as text), levels stored in English, parents by name', () => {
    expect(plan(EXPORTED)).toEqual({
      unchanged: 0,
      insert: [
        { id: 'sichuan:Region:sichuan-province', code: '510000', name: '四川省', level: 'province', parentId: null },
        { id: 'sichuan:Region:suining-city', code: '510900', name: '遂宁市', level: 'city', parentId: 'sichuan:Region:sichuan-province' },
        { id: 'sichuan:Region:anju-district', code: '510904', name: '安居区', level: 'district', parentId: 'sichuan:Region:suining-city' },
        { id: 'sichuan:Region:moxi-town', code: '510904101', name: '磨溪镇', level: 'town', parentId: 'sichuan:Region:anju-district' },
        { id: 'sichuan:Region:moxi-shiqiao', code: '510904101001', name: '石桥村', level: 'village', parentId: 'sichuan:Region:moxi-town' },
      ],
    });
  });

  test('an operator’s own file: no 全局 ID (each is <jurisdiction>:Region:<code>), parents by code, in any order, below regions the store holds', () => {
    const stored: RegionEntry[] = [{ id: 'sichuan:Region:510000', code: '510000', name: '四川省', level: 'province', parentId: null }];
    const file = ['区划代码,名称,层级,上级区划', '510904,安居区,区,510900', '510900,遂宁市,市级,510000', '510000,四川省,省级,'].join('\n');
    expect(plan(file, stored)).toEqual({
      unchanged: 1,
      insert: [
        { id: 'sichuan:Region:510904', code: '510904', name: '安居区', level: 'district', parentId: 'sichuan:Region:510900' },
        { id: 'sichuan:Region:510900', code: '510900', name: '遂宁市', level: 'city', parentId: 'sichuan:Region:510000' },
      ],
    });
  });

  test('loaded again, nothing is to insert: every row is already there as the file says', () => {
    const first = plan(EXPORTED);
    if (!('insert' in first)) throw new Error('refused');
    expect(plan(EXPORTED, first.insert)).toEqual({ unchanged: 5, insert: [] });
  });

  test('a code Excel saved in scientific notation is refused saying so', () => {
    const file = ['区划代码,名称,层级,上级区划', '510000,四川省,省级,', '5.10904E+11,安居区,区,510000'].join('\n');
    expect(problems(file)).toEqual([
      'line 3 (区划代码 5.10904E+11): 区划代码 "5.10904E+11" is not a division code (digits: 6 for 省级, 市级, 区, 县; 9 for 乡镇; 12 for 村; or 12 for any, zero-padded as 统计用区划代码 writes them): Excel saved it in scientific notation, its digits lost; set the column to 文本 (Text), paste the codes again and save the CSV again',
    ]);
  });

  test('every refused row is named by its line, and a file with one writes nothing', () => {
    const file = [
      '区划代码,名称,层级,上级区划,所属辖区',
      '510000,四川省,省级,,四川省',
      '5109,遂宁市,市级,四川省,四川省',
      '510904,安居区,区县,四川省,四川省',
      '510921,蓬溪县,县,遂宁,四川省',
      '500152,潼南区,区,四川省,重庆市',
      '510000,四川省,省级,,四川省',
      '510903,船山区,区,,四川省',
      '510502,江阳区,区,510903,四川省',
    ].join('\n');
    expect(problems(file)).toEqual([
      'line 3 (区划代码 5109): 区划代码 "5109" is not a division code (digits: 6 for 省级, 市级, 区, 县; 9 for 乡镇; 12 for 村; or 12 for any, zero-padded as 统计用区划代码 writes them)',
      'line 4 (区划代码 510904): 层级 "区县" is none of 省级, 市级, 区, 县, 乡镇, 村 (or province, city, district, county, town, village)',
      'line 6 (区划代码 500152): 区划代码 500152 is not in 四川省 (510000): the code of each of its regions begins with 51',
      'line 6 (区划代码 500152): 所属辖区 is 重庆市, not 四川省: the file is another jurisdiction\'s',
      'line 7 (区划代码 510000): the same region as line 2 (全局 ID sichuan:Region:510000)',
      'line 5 (区划代码 510921): 上级区划 遂宁 is no region of the file nor of the store (a global ID, a 区划代码, or the name of a region of a higher level)',
      'line 8 (区划代码 510903): 上级区划 is blank: only the province-level region (四川省) has none',
      'line 9 (区划代码 510502): 上级区划 船山区 (510903) is a 区, not of a level above 区',
    ]);
  });

  test('a parent’s name that two regions share is refused, asking for its code; another jurisdiction’s ID is refused', () => {
    const file = [
      '全局 ID,区划代码,名称,层级,上级区划',
      ',510000,四川省,省级,',
      ',510904,安居区,区,四川省',
      ',510903,船山区,区,四川省',
      ',510904101,永兴镇,乡镇,安居区',
      ',510903101,永兴镇,乡镇,船山区',
      ',510903101001,新桥村,村,永兴镇',
      'chongqing:Region:x,500152,潼南区,区,四川省',
    ].join('\n');
    expect(problems(file)).toEqual([
      'line 8 (区划代码 500152): 区划代码 500152 is not in 四川省 (510000): the code of each of its regions begins with 51',
      'line 8 (区划代码 500152): 全局 ID "chongqing:Region:x" is not one of sichuan\'s regions (sichuan:Region:…)',
      'line 7 (区划代码 510903101001): 上级区划 永兴镇 is the name of 2 regions (510904101, 510903101): write the parent\'s 区划代码 instead',
    ]);
  });

  test('a region the store holds otherwise is refused, never changed; its code under another ID too', () => {
    const stored: RegionEntry[] = [
      { id: 'sichuan:Region:510000', code: '510000', name: '四川省', level: 'province', parentId: null },
      { id: 'sichuan:Region:510900', code: '510900', name: '遂宁市', level: 'city', parentId: 'sichuan:Region:510000' },
    ];
    const header = '全局 ID,区划代码,名称,层级,上级区划';
    expect(problems(`${header}\n,510900,遂宁地区,市级,510000`, stored)).toEqual([
      'line 2 (区划代码 510900): the store holds sichuan:Region:510900 with another name (遂宁市 → 遂宁地区): a region loaded is never changed by a load',
    ]);
    expect(problems(`${header}\nsichuan:Region:suining,510900,遂宁市,市级,510000`, stored)).toEqual([
      'line 2 (区划代码 510900): the store holds 区划代码 510900 as sichuan:Region:510900 (遂宁市), not sichuan:Region:suining',
    ]);
  });

  test('a file without the export’s columns is refused as a whole, naming them', () => {
    expect(() => readRegionFile('code,name,level,parent\n510000,四川省,province,\n')).toThrow(
      /^the file's first row must name the columns 全局 ID, 区划代码, 名称, 层级, 上级区划, 所属辖区 .*: no 区划代码, 名称, 层级, 上级区划$/,
    );
    expect(() => readRegionFile('')).toThrow(/the file is empty$/);
    expect(() => readRegionFile('区划代码,名称,层级,上级区划\n"510000,四川省,省级,\n')).toThrow('the file is not a CSV: a quoted field is not closed');
  });

  test('another jurisdiction’s tree is refused without its 所属辖区 column: every code begins with the side’s province’s 2 digits', () => {
    // It was planned as sichuan:Region:500000 and sichuan:Region:500101.
    expect(problems('区划代码,名称,层级,上级区划\n500000,重庆市,省级,\n500101,万州区,区,重庆市\n')).toEqual([
      'line 2 (区划代码 500000): 区划代码 500000 is not in 四川省 (510000): the code of each of its regions begins with 51',
      'line 3 (区划代码 500101): 区划代码 500101 is not in 四川省 (510000): the code of each of its regions begins with 51',
    ]);
  });

  test('a store holds one province, the side’s own code: a second one is refused, in the file or beside the store’s', () => {
    const file = ['区划代码,名称,层级,上级区划', '510000,四川省,省级,', '500000,重庆市,省级,', '510100,成都省,省级,'].join('\n');
    expect(problems(file)).toEqual([
      'line 3 (区划代码 500000): 区划代码 500000 is not in 四川省 (510000): the code of each of its regions begins with 51',
      'line 4 (区划代码 510100): a store holds one province-level region, 四川省, whose 区划代码 is 510000',
    ]);
    const stored: RegionEntry[] = [{ id: 'sichuan:Region:sichuan-province', code: '510000', name: '四川省', level: 'province', parentId: null }];
    expect(problems('区划代码,名称,层级,上级区划\n510000,四川省,省级,\n', stored)).toEqual([
      'line 2 (区划代码 510000): the store holds 区划代码 510000 as sichuan:Region:sichuan-province (四川省), not sichuan:Region:510000',
    ]);
  });

  test('a code that contradicts its level is refused: its length, the digits that name it, the zeros after them', () => {
    const file = [
      '区划代码,名称,层级,上级区划',
      '510000,四川省,省级,',
      '510900,遂宁市,市级,四川省',
      '510904101,安居区,区,遂宁市',
      '510904,磨溪镇,乡镇,遂宁市',
      '510904101001,遂宁,市级,四川省',
      '510904,遂宁,市级,四川省',
      '510100,船山区,区,四川省',
      '510904000,西眉镇,乡镇,510904',
      '510904101000,石桥村,村,510904101',
    ].join('\n');
    expect(problems(file)).toEqual([
      'line 4 (区划代码 510904101): 区划代码 510904101 has 9 digits, and a 区 region\'s has 6 (digits: 6 for 省级, 市级, 区, 县; 9 for 乡镇; 12 for 村; or 12 for any, zero-padded as 统计用区划代码 writes them)',
      'line 5 (区划代码 510904): 区划代码 510904 has 6 digits, and a 乡镇 region\'s has 9 (digits: 6 for 省级, 市级, 区, 县; 9 for 乡镇; 12 for 村; or 12 for any, zero-padded as 统计用区划代码 writes them)',
      'line 6 (区划代码 510904101001): 区划代码 510904101001 is no 市级 region\'s: a 市级 region\'s code has 6 digits, or 12 ending in 000000 (统计用区划代码), and its digits 7 to 12 are not all zeros (it reads as a 村\'s, 510904101001)',
      'line 7 (区划代码 510904): 区划代码 510904 is no 市级 region\'s: a 市级 region\'s code ends in 00',
      'line 8 (区划代码 510100): 区划代码 510100 is no 区 region\'s: its digits 5 to 6, which name it, are zeros',
      'line 9 (区划代码 510904000): 区划代码 510904000 is no 乡镇 region\'s: its digits 7 to 9, which name it, are zeros',
      'line 10 (区划代码 510904101000): 区划代码 510904101000 is no 村 region\'s: its digits 10 to 12, which name it, are zeros',
    ]);
  });

  test('a region’s code begins with its parent’s: a province’s 2 digits, a city’s 4, a district’s or county’s 6, a town’s 9', () => {
    const stored: RegionEntry[] = [
      { id: 'sichuan:Region:510000', code: '510000', name: '四川省', level: 'province', parentId: null },
      { id: 'sichuan:Region:510900', code: '510900', name: '遂宁市', level: 'city', parentId: 'sichuan:Region:510000' },
      { id: 'sichuan:Region:510904', code: '510904', name: '安居区', level: 'district', parentId: 'sichuan:Region:510900' },
      { id: 'sichuan:Region:510904101', code: '510904101', name: '磨溪镇', level: 'town', parentId: 'sichuan:Region:510904' },
    ];
    const file = [
      '区划代码,名称,层级,上级区划',
      '510502,江阳区,区,遂宁市',
      '510903101,永兴镇,乡镇,安居区',
      '510904102201,新龙村,村,磨溪镇',
      '510905201001,某村,村,510904',
      '510922,某县,县,四川省',
      '510904101201,石桥村,村,安居区',
    ].join('\n');
    expect(problems(file, stored)).toEqual([
      'line 2 (区划代码 510502): 区划代码 510502 does not begin with 5109, as every region below 上级区划 遂宁市 (510900) does',
      'line 3 (区划代码 510903101): 区划代码 510903101 does not begin with 510904, as every region below 上级区划 安居区 (510904) does',
      'line 4 (区划代码 510904102201): 区划代码 510904102201 does not begin with 510904101, as every region below 上级区划 磨溪镇 (510904101) does',
      'line 5 (区划代码 510905201001): 区划代码 510905201001 does not begin with 510904, as every region below 上级区划 安居区 (510904) does',
    ]);
    // Chongqing's districts lie under the municipality itself, as its seed has 潼南区.
    const chongqing = ['区划代码,名称,层级,上级区划', '500000,重庆市,省级,', '500152,潼南区,区,重庆市', '500152101,双江镇,乡镇,潼南区', '500152101001,双江社区,村,双江镇'].join('\n');
    expect(problems(chongqing, [], 'chongqing')).toEqual([]);
  });

  test('a file as the statistics bureau writes the codes (统计用区划代码: 12 digits at every level, zero-padded), parents by code, is the tree of the codes’ own lengths', () => {
    // 区划代码, 城乡分类代码 (not read), 名称, 层级, 上级区划, as an operator copies 国家统计局's tables into Excel and saves them as CSV UTF-8.
    // Every row was refused as having 12 digits where its level's code has 6 or 9, but the villages.
    const file = readFileSync(new URL('fixtures/nbs-anju-regions.csv', import.meta.url));
    const region = (code: string, name: string, level: string, parent: string | null): RegionEntry => ({ id: `sichuan:Region:${code}`, code, name, level, parentId: parent && `sichuan:Region:${parent}` });
    const tree = [
      region('510000', '四川省', 'province', null),
      region('510900', '遂宁市', 'city', '510000'),
      region('510904', '安居区', 'district', '510900'),
      region('510904101', '磨溪镇', 'town', '510904'),
      region('510904101001', '石桥村', 'village', '510904101'),
      region('510904101002', '龙泉村', 'village', '510904101'),
      region('510904101200', '磨溪社区', 'village', '510904101'),
      region('510904102', '分水镇', 'town', '510904'),
      region('510904102001', '新龙村', 'village', '510904102'),
      region('510921', '蓬溪县', 'county', '510900'),
      region('510921101', '常乐镇', 'town', '510921'),
      region('510921101001', '金龙村', 'village', '510921101'),
    ];
    expect(plan(file)).toEqual({ unchanged: 0, insert: tree });
    // The same regions loaded before from a file with the codes' own lengths are there as this one says.
    expect(plan(file, tree)).toEqual({ unchanged: tree.length, insert: [] });
  });

  test('a 12-digit code with a digit other than zero past its level’s length is refused, saying what it reads as; the same region twice, padded and not, is one', () => {
    const file = [
      '区划代码,名称,层级,上级区划',
      '510000000000,四川省,省级,',
      '510904000000,安居区,区,510900000000',
      '510904101001,磨溪镇,乡镇,510904000000',
      '510904101000,安居区,区,510000000000',
      '510900000001,遂宁市,市级,510000000000',
      '510904102000,分水镇,乡镇,510904',
      '510904102,分水镇,乡镇,510904',
    ].join('\n');
    expect(problems(file, [{ id: 'sichuan:Region:510900', code: '510900', name: '遂宁市', level: 'city', parentId: null }])).toEqual([
      'line 4 (区划代码 510904101001): 区划代码 510904101001 is no 乡镇 region\'s: a 乡镇 region\'s code has 9 digits, or 12 ending in 000 (统计用区划代码), and its digits 10 to 12 are not all zeros (it reads as a 村\'s, 510904101001)',
      'line 5 (区划代码 510904101000): 区划代码 510904101000 is no 区 region\'s: a 区 region\'s code has 6 digits, or 12 ending in 000000 (统计用区划代码), and its digits 7 to 12 are not all zeros (it reads as a 乡镇\'s, 510904101)',
      'line 6 (区划代码 510900000001): 区划代码 510900000001 is no 市级 region\'s: a 市级 region\'s code has 6 digits, or 12 ending in 000000 (统计用区划代码), and its digits 7 to 12 are not all zeros (it reads as a 村\'s, 510900000001)',
      'line 8 (区划代码 510904102): the same region as line 7 (全局 ID sichuan:Region:510904102)',
    ]);
  });

  test('the columns are the contract’s descriptions of Region’s fields, as the regions export heads them', () => {
    expect(REGION_FILE_HEADERS).toEqual({ id: '全局 ID', code: '区划代码', name: '名称', level: '层级', parent: '上级区划', jurisdiction: '所属辖区' });
    expect(REGION_FILE_HEADERS.code).toBe(recordFieldLabel('Region', 'code'));
  });

  test('a file as Excel saves a CSV on a Chinese Windows (GBK) is read; one in no encoding Excel writes, or not split by commas, is refused saying to save it as CSV UTF-8', () => {
    // It was refused as having no header row.
    expect(plan(gbkBytes('区划代码,名称,层级,上级区划\r\n510000,四川省,省级,\r\n510900,遂宁市,市级,四川省\r\n'))).toEqual({
      unchanged: 0,
      insert: [
        { id: 'sichuan:Region:510000', code: '510000', name: '四川省', level: 'province', parentId: null },
        { id: 'sichuan:Region:510900', code: '510900', name: '遂宁市', level: 'city', parentId: 'sichuan:Region:510000' },
      ],
    });
    expect(plan(new TextEncoder().encode(EXPORTED))).toEqual(plan(EXPORTED));
    expect(() => readRegionFile(new Uint8Array([0xff, 0xfe, 0x00, 0xd8]))).toThrow(/^the file is neither UTF-8 nor GBK text .*: save it as CSV UTF-8 \(Excel and WPS: 另存为 “CSV UTF-8（逗号分隔）\(\*\.csv\)”\)$/);
    expect(() => readRegionFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toThrow(/^the file holds control characters.*: save it as CSV UTF-8/);
    expect(() => readRegionFile('区划代码\t名称\t层级\t上级区划\n510000\t四川省\t省级\t\n')).toThrow(/no 区划代码, 名称, 层级, 上级区划 \(its columns are not separated by commas: save it as CSV UTF-8/);
  });
});
