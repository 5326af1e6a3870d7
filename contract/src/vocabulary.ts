// Browser-safe (no imports): the dashboard imports this entry (`@linju/contract/vocabulary`).

/**
 * The kinds each record may have, as the seed reports name them. Writes are refused with
 * `unknown-kind` outside these lists; the lists are the contract's, so both sides accept the same.
 */
export const VOCABULARY = {
  organizationKind: ['党委', '党总支', '党支部'],
  organizationLevel: ['乡镇', '村', '社区', '企业', '机关单位'],
  gender: ['男', '女'],
  activityKind: ['座谈交流', '互派学习', '培训', '引才活动', '政策宣讲', '志愿服务', '文体活动', '联合执法', '共建活动'],
  serviceCaseKind: ['户口迁移', '养老保险转移', '公积金互认互贷', '异地就医结算'],
  facilityKind: ['联合作战室', '党员活动室', '实践基地', '异地就医定点医院', '便民服务大厅'],
  idleAssetKind: ['闲置办公用房', '闲置小学'],
  projectKind: ['产业联合社', '撂荒地复垦', '初加工基地', '集体经济项目', '重大项目', '示范基地'],
  teamCategory: ['志愿服务队', '社会治理工作队'],
  teamKind: ['宣讲组', '巡逻队', '帮帮团', '联合执法小组', '治安联防队', '矛盾纠纷协调组', '边界治理服务队'],
  teamActionKind: ['政策宣讲', '日常巡逻', '解决难题', '联合治安行动'],
  transportLinkKind: ['断头路', '客运班线', '快捷通道', '公交化列车'],
  civilizationKind: ['一约四会', '公约', '文明实践活动', '节庆文体活动', '打击非法宗教活动'],
  allianceKind: ['毗邻乡镇党建联建', '毗邻村联村党组织', '产业链联合党组织', '人才联盟'],
  cooperationCategory: ['党建共抓', '产业共兴', '服务共享', '治理共抓', '文明共创'],
} as const;

/** A party organization's kind (组织类别), from the vocabulary. */
export type OrganizationKind = (typeof VOCABULARY.organizationKind)[number];

/**
 * The kinds an organization of each kind may lead (its 下级党组织), as the Party's rules for basic-level
 * organizations have it: a 党委 leads 党委, 党总支 and 党支部; a 党总支 leads 党支部 only; a 党支部 has no
 * subordinate organization (its 党小组 are not organizations here). Every write that places an
 * organization under another or changes its kind keeps it (`parent-kind`), and the ledger checks a
 * row under a row of the same file by it before sending.
 */
export const CHILD_ORGANIZATION_KINDS: Readonly<Record<OrganizationKind, readonly OrganizationKind[]>> = {
  党委: ['党委', '党总支', '党支部'],
  党总支: ['党支部'],
  党支部: [],
};

/** Whether an organization of kind `parent` may lead one of kind `child` (a kind outside the vocabulary leads nothing). */
export const mayLead = (parent: string, child: string): boolean =>
  ((CHILD_ORGANIZATION_KINDS as Record<string, readonly string[]>)[parent] ?? []).includes(child);

/** What an organization of the kind may lead, as a clerk reads it: 党支部下不能设立下级党组织, 党总支只能领导党支部 … */
export function leadingRule(parent: string): string {
  const kinds = (CHILD_ORGANIZATION_KINDS as Record<string, readonly string[]>)[parent] ?? [];
  return kinds.length ? `${parent}只能领导${kinds.join('、')}` : `${parent}下不能设立下级党组织`;
}

/**
 * The Chinese reason an organization of kind `child` cannot be under `parent` (its name and kind), null
 * when it may: 党支部下不能设立下级党组织；“白马村党支部”（党支部）不能作为党委的上级. The store's refusal
 * and the ledger's row say it in these words.
 */
export function parentKindReason(parent: { name: string; kind: string }, child: string): string | null {
  return mayLead(parent.kind, child) ? null : `${leadingRule(parent.kind)}；“${parent.name}”（${parent.kind}）不能作为${child}的上级`;
}

/** Team kinds by category: a patrol team is a volunteer team, a joint law-enforcement group a governance one. */
export const TEAM_KINDS_BY_CATEGORY: Record<string, readonly string[]> = {
  志愿服务队: ['宣讲组', '巡逻队', '帮帮团'],
  社会治理工作队: ['联合执法小组', '治安联防队', '矛盾纠纷协调组', '边界治理服务队'],
};

/**
 * Post titles with many seats (a committee has several 委员); every other title has one holder at a
 * time. The partial unique index `post_single_seat_idx` of each side's migration 0002 lists the same.
 */
export const MULTI_SEAT_POST_TITLES: readonly string[] = ['委员', '村党组织委员'];

/**
 * A region's level as the stores keep it (GB/T 2260's tiers, in English) and as people read it.
 * `Region.level` answers the Chinese name, `Region.levelCode` the stored code; a list's
 * `filter.kinds` takes either. 重庆市 is a province-level municipality, hence 省级 rather than 省.
 */
export const REGION_LEVELS = {
  province: '省级',
  city: '市级',
  district: '区',
  county: '县',
  town: '乡镇',
  village: '村',
} as const;

export type RegionLevelCode = keyof typeof REGION_LEVELS;

/**
 * Where each level stands in a region's code (GB/T 2260's six digits for a province, city, district
 * or county, then the statistical codes' three more for a town and three more for a village): how
 * many digits its code has, and which of them name it, `[from, to)`. The code of a region begins
 * with its parent's first `to` digits (a province's 2, a city's 4, a district's or county's 6, a
 * town's 9) and has zeros after its own `to` (a city's 510900); its own digits are not all zeros.
 * A region's parent is of a level whose `to` is smaller (a district's a city or the province).
 */
export const REGION_LEVEL_DIGITS: Readonly<Record<RegionLevelCode, { length: number; from: number; to: number }>> = {
  province: { length: 6, from: 0, to: 2 },
  city: { length: 6, from: 2, to: 4 },
  district: { length: 6, from: 4, to: 6 },
  county: { length: 6, from: 4, to: 6 },
  town: { length: 9, from: 6, to: 9 },
  village: { length: 12, from: 9, to: 12 },
};

/** The Chinese name of a stored region level; a code outside the table is shown as stored. */
export const regionLevelName = (code: string): string => (REGION_LEVELS as Record<string, string>)[code] ?? code;

/** The stored code of a region level given by its Chinese name or its code; undefined for neither. */
export const regionLevelCode = (level: string): string | undefined =>
  level in REGION_LEVELS ? level : Object.entries(REGION_LEVELS).find(([, name]) => name === level)?.[0];
