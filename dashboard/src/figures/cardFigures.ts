import { AGREEMENT_FIGURES, ALLIANCE_KIND_FIGURES, definitionText, FIGURE_CATEGORIES, FIGURE_NAMES, figureOf, isStanding, weightOf, type FigureName } from '@linju/contract/figures';

/** A figure a card shows: one of the catalogue's (each side's store) or one of the joint office's. */
export type CardName = FigureName | JointFigureName;
export type JointFigureName = keyof typeof ALLIANCE_KIND_FIGURES | 'alliancesTotal' | 'agreements' | 'cooperationItems';

/** A figure with what it means: the words every card, chart, tooltip and printout use for it. */
export interface CardFigure {
  readonly name: CardName;
  readonly label: string;
  readonly unit: string;
  /** The category it is grouped under (the report's, or 联盟与协议 for the joint office's). */
  readonly category: string;
  /** 统计口径: what is counted, from which records (generated from the catalogue). */
  readonly basis: string;
  /** Whose store it is read from. */
  readonly joint: boolean;
  /** A weighted mean (户均增收): its joint total is the mean weighted by this figure, never a sum. */
  readonly weightedBy: string | null;
  /**
   * Counts things set up that stand (posts, facilities, teams: `isStanding` of the catalogue): its
   * value is what was newly set up in the period, said as 新增, and compared by the bases themselves
   * (上期新增 27人), never as a fall.
   */
  readonly standing: boolean;
}

/** The joint office's records, shown as one group before the report's categories. */
export const JOINT_CATEGORY = '联盟与协议';

const jointFigure = (name: JointFigureName, label: string, unit: string, basis: string): CardFigure => ({ name, label, unit, category: JOINT_CATEGORY, basis, joint: true, weightedBy: null, standing: false });

const allianceBasis = (which: string) => `联合办公室库中${which}的联盟个数（新增：成立日期在本时间段内；累计：截至本时间段末已成立）`;

/** The joint office's figures: alliances by kind and in all, agreements and their items. */
export const JOINT_FIGURES: readonly CardFigure[] = [
  jointFigure('alliancesTotal', '党建联盟', '个', allianceBasis('各类别')),
  ...(Object.entries(ALLIANCE_KIND_FIGURES) as [keyof typeof ALLIANCE_KIND_FIGURES, (typeof ALLIANCE_KIND_FIGURES)[keyof typeof ALLIANCE_KIND_FIGURES]][]).map(([name, { kind, unit }]) =>
    jointFigure(name, kind, unit, allianceBasis(`类别为“${kind}”`)),
  ),
  jointFigure('agreements', AGREEMENT_FIGURES.agreements.label, AGREEMENT_FIGURES.agreements.unit, '联合办公室库中签订日期在本时间段内的框架协议份数'),
  jointFigure('cooperationItems', AGREEMENT_FIGURES.cooperationItems.label, AGREEMENT_FIGURES.cooperationItems.unit, '上述框架协议所列合作事项的条数'),
];

/** A catalogue figure with its meaning. */
export function catalogueFigure(name: FigureName): CardFigure {
  const { label, unit, category } = figureOf(name);
  const weight = weightOf(name);
  return { name, label, unit, category, basis: definitionText(name), joint: false, weightedBy: weight ? figureOf(weight).label : null, standing: isStanding(name) };
}

/** Every figure, joint office's first, then the catalogue's in the report's order. */
export const CARD_FIGURES: readonly CardFigure[] = [...JOINT_FIGURES, ...FIGURE_NAMES.map(catalogueFigure)];

export const cardFigure = (name: CardName): CardFigure => CARD_FIGURES.find((f) => f.name === name)!;

export const isCardName = (name: string): name is CardName => CARD_FIGURES.some((f) => f.name === name);

/** The categories in the page's order: the joint office's, then the report's. */
export const CARD_CATEGORIES: readonly string[] = [JOINT_CATEGORY, ...FIGURE_CATEGORIES];
