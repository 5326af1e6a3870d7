import { addDays, day, isoDay } from './dates.ts';
import { gid, type Side } from './ids.ts';
import { townKey, villageKey } from './places.ts';

// The border register: which organizations of the two sides form each cross-border alliance,
// keyed by the conventions of places.ts. All three seeds read it: the joint office to write its
// alliances and members, each side to tag its records and appointments with the alliance they
// belong to. Only the pairings are shared here; each side's towns and villages live in its seed.

export type AllianceKind = '毗邻乡镇党建联建' | '毗邻村联村党组织' | '产业链联合党组织' | '人才联盟';

/** One member organization of an alliance, by its key in its own side's store. */
export interface MemberRef {
  side: Side;
  org: string;
  /** The town whose records may carry the alliance's ID (null for district-level members). */
  town: string | null;
}

export interface BorderAlliance {
  key: string;
  kind: AllianceKind;
  name: string;
  foundedOn: string;
  illustrative: boolean;
  members: MemberRef[];
  /** 毗邻村联村党组织 only: committee members each side's village takes from the other (双委员制). */
  appointments?: { intoSichuan: number; intoChongqing: number; startedOn: string };
}

/** Names of the border towns the alliances join (real towns). */
export const BORDER_TOWN_NAMES: Record<Side, Record<string, string>> = {
  sichuan: {
    moxi: '磨溪镇', fenshui: '分水镇', baima: '白马镇', yufeng: '玉丰镇', ximei: '西眉镇', lanjiang: '拦江镇',
    changle: '常乐镇', yongxing: '永兴镇', hesha: '河沙镇',
  },
  chongqing: {
    shuangjiang: '双江镇', chongkan: '崇龛镇', yuxi: '玉溪镇', guxi: '古溪镇', mixin: '米心镇', baolong: '宝龙镇',
    shanghe: '上和镇', taian: '太安镇', wugui: '五桂镇', wofo: '卧佛镇', baizi: '柏梓镇', biekou: '别口镇',
  },
};

function townName(side: Side, town: string): string {
  const name = BORDER_TOWN_NAMES[side][town];
  if (!name) throw new Error(`unknown ${side} border town ${town}`);
  return name;
}

/** A township alliance of a Sichuan town's 党委 and an adjacent Chongqing town's 党委. */
function townPair(s: string, c: string, foundedOn: string, illustrative = true): BorderAlliance {
  return {
    key: `${s}-${c}`,
    kind: '毗邻乡镇党建联建',
    name: `${townName('sichuan', s)}—${townName('chongqing', c)}毗邻乡镇党建联建`,
    foundedOn,
    illustrative,
    members: [
      { side: 'sichuan', org: townKey(s), town: s },
      { side: 'chongqing', org: townKey(c), town: c },
    ],
  };
}

/** [town key, village key, village name] of a village on one side. */
type VillageRef = [town: string, village: string, name: string];

/** A joint village party organization of two paired villages, with their cross-appointments. */
function villagePair(s: VillageRef, c: VillageRef, foundedOn: string, intoSichuan: number, intoChongqing: number): BorderAlliance {
  return {
    key: `${s[1]}-${c[1]}-villages`,
    kind: '毗邻村联村党组织',
    name: `${townName('sichuan', s[0])}${s[2]}—${townName('chongqing', c[0])}${c[2]}联村党组织`,
    foundedOn,
    illustrative: true,
    members: [
      { side: 'sichuan', org: villageKey(s[0], s[1]), town: s[0] },
      { side: 'chongqing', org: villageKey(c[0], c[1]), town: c[0] },
    ],
    appointments: { intoSichuan, intoChongqing, startedOn: isoDay(addDays(day(foundedOn), 7)) },
  };
}

const m = (side: Side, org: string, town: string | null): MemberRef => ({ side, org, town });

export const BORDER_ALLIANCES: readonly BorderAlliance[] = [
  // Seed 000, first half of 2021: 17 township alliances (磨溪镇—双江镇 is named in the source) …
  townPair('moxi', 'shuangjiang', '2021-01-08', false),
  townPair('moxi', 'guxi', '2021-01-12'),
  townPair('fenshui', 'chongkan', '2021-01-15'),
  townPair('fenshui', 'taian', '2021-01-19'),
  townPair('baima', 'wugui', '2021-01-22'),
  townPair('baima', 'taian', '2021-01-26'),
  townPair('yufeng', 'chongkan', '2021-01-29'),
  townPair('yufeng', 'yuxi', '2021-02-02'),
  townPair('ximei', 'biekou', '2021-02-05'),
  townPair('ximei', 'baizi', '2021-02-09'),
  townPair('lanjiang', 'baolong', '2021-02-19'),
  townPair('lanjiang', 'mixin', '2021-02-23'),
  townPair('changle', 'shanghe', '2021-02-26'),
  townPair('changle', 'wofo', '2021-03-02'),
  townPair('yongxing', 'baolong', '2021-03-05'),
  townPair('yongxing', 'shanghe', '2021-03-09'),
  townPair('hesha', 'baizi', '2021-03-12'),
  // … 11 joint village party organizations (56 cross-appointed committee members: 29 + 27) …
  villagePair(['moxi', 'shiqiao', '石桥村'], ['shuangjiang', 'heping', '和平村'], '2021-02-05', 3, 3),
  villagePair(['moxi', 'longquan', '龙泉村'], ['guxi', 'taiping', '太平村'], '2021-02-18', 3, 2),
  villagePair(['fenshui', 'xinlong', '新龙村'], ['chongkan', 'linjiang', '临江村'], '2021-02-25', 3, 3),
  villagePair(['fenshui', 'gaofeng', '高峰村'], ['taian', 'guanba', '罐坝村'], '2021-03-04', 2, 2),
  villagePair(['baima', 'jinqiao', '金桥村'], ['wugui', 'wuli', '五里村'], '2021-03-11', 3, 3),
  villagePair(['yufeng', 'huayuan', '花园村'], ['chongkan', 'qingshi', '青石村'], '2021-03-18', 3, 2),
  villagePair(['yufeng', 'sanhe', '三合村'], ['yuxi', 'baiguo', '白果村'], '2021-03-25', 2, 3),
  villagePair(['ximei', 'guanyin', '观音村'], ['biekou', 'dafo', '大佛村'], '2021-04-01', 3, 2),
  villagePair(['lanjiang', 'huilong', '回龙村'], ['baolong', 'miaoba', '庙坝村'], '2021-04-08', 2, 3),
  villagePair(['changle', 'jinlong', '金龙村'], ['shanghe', 'hetao', '核桃村'], '2021-04-15', 3, 2),
  villagePair(['hesha', 'yuhe', '玉河村'], ['baizi', 'zhongshi', '中石村'], '2021-04-22', 2, 2),
  // … and 2 industry-chain party organizations.
  {
    key: 'vegetable-chain',
    kind: '产业链联合党组织',
    name: '遂潼蔬菜产业链联合党组织',
    foundedOn: '2021-03-18',
    illustrative: true,
    members: [
      m('sichuan', townKey('moxi'), 'moxi'), m('sichuan', townKey('fenshui'), 'fenshui'), m('sichuan', 'moxi-vegetable-coop', 'moxi'),
      m('chongqing', townKey('shuangjiang'), 'shuangjiang'), m('chongqing', townKey('chongkan'), 'chongkan'),
      m('chongqing', 'shuangjiang-vegetable-coop', 'shuangjiang'),
    ],
  },
  {
    key: 'grain-chain',
    kind: '产业链联合党组织',
    name: '遂潼粮油产业链联合党组织',
    foundedOn: '2021-04-22',
    illustrative: true,
    members: [
      m('sichuan', townKey('baima'), 'baima'), m('sichuan', townKey('yufeng'), 'yufeng'), m('sichuan', 'baima-grain-coop', 'baima'),
      m('chongqing', townKey('wugui'), 'wugui'), m('chongqing', townKey('taian'), 'taian'), m('chongqing', 'taian-grain-coop', 'taian'),
    ],
  },
  // Seed 001, Anju district 2021-07…2023-06: three more (33 in all) and the talent alliance.
  townPair('baima', 'guxi', '2021-09-15'),
  villagePair(['lanjiang', 'fenghuang', '凤凰村'], ['mixin', 'wanfo', '万佛村'], '2022-03-10', 2, 2),
  {
    key: 'sweet-potato-chain',
    kind: '产业链联合党组织',
    name: '遂潼红薯产业链联合党组织',
    foundedOn: '2022-06-18',
    illustrative: true,
    members: [
      m('sichuan', townKey('yufeng'), 'yufeng'), m('sichuan', townKey('ximei'), 'ximei'), m('sichuan', 'anju-sweet-potato-association', 'yufeng'),
      m('chongqing', townKey('chongkan'), 'chongkan'), m('chongqing', townKey('biekou'), 'biekou'),
      m('chongqing', 'chongkan-sweet-potato-coop', 'chongkan'),
    ],
  },
  {
    key: 'talent-alliance',
    kind: '人才联盟',
    name: '遂潼跨区域新型人才联盟',
    foundedOn: '2021-08-20',
    illustrative: true,
    members: [m('sichuan', 'anju-talent-service', null), m('chongqing', 'tongnan-talent-service', null)],
  },
];

export const allianceId = (key: string): string => gid('joint', 'Alliance', key);

export function memberOrgId(ref: MemberRef): string {
  return gid(ref.side, 'Organization', ref.org);
}

/** The alliances with a member of `side` in `town`, in register order. */
export function alliancesAt(side: Side, town: string): BorderAlliance[] {
  return BORDER_ALLIANCES.filter((a) => a.members.some((mb) => mb.side === side && mb.town === town));
}

/**
 * The alliance a record of `side` in `town` dated `on` is tagged with: one of the alliances there
 * founded by then, chosen by `salt`; now and then none (a record of the town's own work).
 */
export function allianceFor(side: Side, town: string, on: Date, salt: number): string | null {
  const open = alliancesAt(side, town).filter((a) => day(a.foundedOn).getTime() <= on.getTime());
  if (open.length === 0 || salt % 12 === 11) return null;
  return allianceId(open[salt % open.length]!.key);
}

/** Township alliances of a town, with the partner town on the other side. */
export function townPartners(side: Side, town: string): { alliance: BorderAlliance; partner: MemberRef }[] {
  return alliancesAt(side, town)
    .filter((a) => a.kind === '毗邻乡镇党建联建')
    .map((a) => ({ alliance: a, partner: a.members.find((mb) => mb.side !== side)! }));
}
