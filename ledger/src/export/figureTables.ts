import { JOINT_HOME, JURISDICTIONS } from '@linju/contract';
import type { AnswerPart } from '../answerParts.ts';
import { AGREEMENT_FIGURES, ALLIANCE_KIND_FIGURES, FIGURE_NAMES, FIGURES, figureRowLabel } from '@linju/contract/figures';
import { operationName } from '../operationName.ts';
import { columnsOf, selectionOf, type ExportColumn } from './exportColumns.ts';
import { filterCaption, periodWords } from './filterNames.ts';
import { UNAVAILABLE, unavailableNote, valueAt, type Cell, type ExportTable } from './ExportTable.ts';
import { sidesOf } from './exportSides.ts';
import { SIDE_PATH, sideColumn } from './recordLists.ts';
import { fieldOf, labelOfField, namedType, typeDefinition } from './schemaTypes.ts';

/**
 * The figure tables: `figures`, every figure of the catalogue for a period (optionally one
 * alliance), a row per figure in the catalogue's order with each side's value and the joint total,
 * then the joint office's alliance and agreement counts; and each side's aggregates for charts
 * (`activitiesByMonth`, `serviceCasesByKind`, any field of `Jurisdiction` taking a period), a row
 * per item. Public like the overview they are read from. Small: one page.
 */

export interface FigureQuery {
  period?: { from?: string; to?: string };
  allianceId?: string;
  /** The alliance's name, for the caption (marked 暂缺 when the joint office gave none). */
  allianceName?: string;
  /** The sides read, by key (`sidesOf`); every side when absent. */
  sides?: readonly string[];
}

/** One read of a figure table: a document, its variables and the parts of its answer the table needs. */
export interface FigureRead {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly parts: readonly AnswerPart[];
  /**
   * The joint office's own read (its overview): while the joint office's store cannot answer (every
   * error an outage of it), it answers null and the table marks its cells UNAVAILABLE, rather than
   * refuse the sides' figures read beside it.
   */
  readonly jointOwn?: boolean;
}

/**
 * Sends reads side by side and answers each one's data, in their order (null for a `jointOwn` read
 * the joint office's store could not answer), or throws the reason in Chinese when any part a read
 * needs is missing, every such part of every read named.
 */
export type Read = (reads: readonly FigureRead[], what: string) => Promise<(Record<string, unknown> | null)[]>;

/** A side's read of a field of its own root field (`sichuan { figures(…) }`), which its store alone answers: the part the table needs. */
const sideRead = (side: { key: string; name: string }, field: string, query: string, variables: Record<string, unknown>): FigureRead => ({
  query,
  variables,
  parts: [{ what: `${side.name}的数据`, stores: [side.key], path: [side.key, field], fallback: '其子图不可用' }],
});

/** The joint office's overview, a part of a figure table's answer. */
const OVERVIEW_PART: AnswerPart = { what: '联合办公室的总览', stores: [JOINT_HOME.key], path: ['overview'], fallback: '网关没有返回数据' };

/** The headers of the figure table's leading columns. */
const FIGURE_HEADERS = { category: '类别', figure: '指标', unit: '单位' } as const;

type Values = { values: { figure: string; value: number | null }[] } | null;
const byFigure = (figures: Values) => new Map(figures?.values.map((v) => [v.figure, v.value]));

export const FIGURES_TABLE = 'figures';

/**
 * The documents of the figure table, as registered: the joint office's overview
 * (`LedgerExportFigures`: its alliance and agreement counts, and the joint total), which the joint
 * office's store answers, and each side's figures (`LedgerExportFiguresSichuan` …) through the
 * side's own root field, which the side's store alone answers, read side by side: with the joint
 * office down, the sides' figures are written and the overview's cells marked UNAVAILABLE.
 */
export function figuresDocument(): string {
  return `query ${operationName('export', FIGURES_TABLE)}($period: PeriodInput, $allianceId: ID) {
  overview(period: $period, allianceId: $allianceId) {
    alliances { ${Object.keys(ALLIANCE_KIND_FIGURES).join(' ')} }
    agreements { ${Object.keys(AGREEMENT_FIGURES).join(' ')} }
    total { values { figure value } }
  }
}`;
}

/** A side's figures for the figure table, as registered: `LedgerExportFiguresSichuan` (see {@link figuresDocument}). */
export function sideFiguresDocument(side: string): string {
  return `query ${operationName('export', FIGURES_TABLE, side)}($period: PeriodInput, $allianceId: ID) { ${side} { figures(period: $period, allianceId: $allianceId) { values { figure value } } } }`;
}

export async function figuresTable(read: Read, query: FigureQuery): Promise<ExportTable> {
  const variables = { period: query.period ?? null, allianceId: query.allianceId ?? null };
  const sidesRead = sidesOf(query.sides);
  // Read for some sides only (--side), the joint total would hold the others' figures beside a
  // single side's column: the last column then holds the joint office's own counts (alliances,
  // agreements) and no figure's total, as the dashboard shows one side's figures without the total.
  const someSides = query.sides !== undefined;
  // The sides' reads first: a refusal names each side down, and not again the joint total that sums them.
  const answers = await read(
    [
      ...sidesRead.map((side) => sideRead(side, 'figures', sideFiguresDocument(side.key), variables)),
      {
        query: figuresDocument(),
        variables,
        // The joint total only when every side is read (named after the sides, whose figures it sums).
        parts: [OVERVIEW_PART, ...(someSides ? [] : [{ what: '两地合计', stores: JURISDICTIONS.map((j) => j.key), path: ['overview', 'total'], fallback: '其子图不可用' }])],
        jointOwn: true,
      },
    ],
    '指标',
  );
  const overviewData = answers.at(-1)!;
  const overview = (overviewData?.overview ?? null) as { alliances: Record<string, number>; agreements: Record<string, number>; total: Values } | null;
  const sides = sidesRead.map((side, i) => ({ name: side.name, figures: (answers[i]![side.key] as { figures: Values }).figures }));
  // The joint office's cells, while it could not answer: marked, never blank.
  const joint = (value: number | null | undefined): Cell => (overviewData === null ? UNAVAILABLE : value ?? null);
  const total = someSides ? new Map<string, number | null>() : byFigure(overview?.total ?? null);
  const lastHeader = someSides ? JOINT_HOME.name : labelOfField('JointOverview', 'total');
  const columns: ExportColumn[] = [
    { header: FIGURE_HEADERS.category, path: ['category'], cell: 'text' },
    { header: FIGURE_HEADERS.figure, path: ['figure'], cell: 'text' },
    { header: FIGURE_HEADERS.unit, path: ['unit'], cell: 'text' },
    ...sides.map((s) => ({ header: s.name, path: [], cell: 'number' as const })),
    { header: lastHeader, path: [], cell: 'number' },
  ];
  const sideValues = sides.map((s) => byFigure(s.figures));
  const blanks = sides.map(() => null);
  const rows: Cell[][] = [
    ...FIGURE_NAMES.map((name): Cell[] => {
      const { category, unit } = FIGURES[name];
      // As the briefing's 附表 names its rows: a figure of things set up that stand as what was newly set
      // up in the period (新增交叉任职村党组织委员: 29 alone read as the number in post), a ratio's joint
      // value as its weighted mean where the 合计 column is (户均增收（合计栏为加权平均）).
      return [category, figureRowLabel(name, !someSides), unit, ...sideValues.map((v) => v.get(name) ?? null), someSides ? null : joint(total.get(name))];
    }),
    // Alliances founded in the period, as the dashboard's cards say them (新增): 17 alone read as the alliances there are.
    ...Object.entries(ALLIANCE_KIND_FIGURES).map(([name, { kind, unit }]): Cell[] => [labelOfField('JointOverview', 'alliances'), `新增${kind}`, unit, ...blanks, joint(overview?.alliances[name])]),
    ...Object.entries(AGREEMENT_FIGURES).map(([name, { label, unit }]): Cell[] => [labelOfField('JointOverview', 'agreements'), label, unit, ...blanks, joint(overview?.agreements[name])]),
  ];
  const label = someSides ? `${sides.map((s) => s.name).join('、')}${FIGURE_HEADERS.figure}` : labelOfField('Query', 'overview');
  const where = [someSides ? undefined : `“${lastHeader}”列`, `“${labelOfField('JointOverview', 'alliances')}”“${labelOfField('JointOverview', 'agreements')}”各行`].filter(Boolean).join('和');
  return { ...onePage(FIGURE_HEADERS.figure, columns, rows, captionOf(label, query)), unavailable: () => (overviewData === null ? unavailableNote(where) : null) };
}

/** What a figure table shows and of which period, above it: 联合总览 2021年上半年 (and the alliance by its name, when one). */
function captionOf(label: string, query: FigureQuery): string {
  return [label, periodWords(query.period), ...filterCaption({ alliance: query.allianceId ? { id: query.allianceId, name: query.allianceName } : undefined })].join(' ');
}

function onePage(title: string, columns: readonly ExportColumn[], rows: Cell[][], caption: string): ExportTable {
  return {
    title,
    caption,
    columns,
    async *pages() {
      yield { rows, records: rows.length };
    },
    totalCount: () => null,
  };
}

/**
 * A side's aggregate by what it holds: the Chinese of its field's description without the schema's
 * 本方 ("this side's", said of a field of `Jurisdiction`), which names no one in a file or a sheet:
 * 本方活动按月统计 → 活动按月统计.
 */
export const sideFigureLabel = (list: string): string => labelOfField('Jurisdiction', list).replace(/^本方/, '');

/** Whose rows an aggregate read for every side holds (one side's are named after it). */
export const EVERY_SIDE = '各辖区';

/** Each side's aggregates of a period: the fields of `Jurisdiction` that take a period and answer a list. */
export function sideFigureLists(): string[] {
  return (typeDefinition('Jurisdiction').fields ?? []).filter((f) => namedType(f.type).list && f.arguments?.some((a) => a.name.value === 'period')).map((f) => f.name.value);
}

/** The columns of a side's aggregate: the side, then the item's fields. */
const sideFigureColumns = (list: string): ExportColumn[] => [sideColumn(), ...columnsOf(namedType(fieldOf('Jurisdiction', list).type).name)];

/**
 * The document of a side's aggregate, as registered: `LedgerExport<List><Side>`, e.g.
 * `LedgerExportActivitiesByMonthSichuan`, one per side, through the side's own root field
 * (`sichuan { activitiesByMonth(…) }`), which the side's store alone answers, so that a side's
 * aggregate is exported while the joint office is down.
 */
export function sideFigureDocument(list: string, side: string): string {
  return `query ${operationName('export', list, side)}($period: PeriodInput, $allianceId: ID) { ${side} { ${list}(period: $period, allianceId: $allianceId) { ${selectionOf(sideFigureColumns(list).slice(1))} } } }`;
}

/**
 * Every side's activities by month through `jurisdictions(keys:)`, as registered:
 * `LedgerExportActivitiesByMonth`. The exports no longer send it (each side's is read by its own
 * document, {@link sideFigureDocument}); the briefing does, `readActivityMonths` in
 * `report/readBriefingFigures.ts` finding it in the manifest by this name, and needs the joint
 * office anyway (its overview).
 */
export function briefingActivityMonthsDocument(): string {
  const list = 'activitiesByMonth';
  return `query ${operationName('export', list)}($period: PeriodInput, $allianceId: ID, $keys: [String!]) { jurisdictions(keys: $keys) { name ${list}(period: $period, allianceId: $allianceId) { ${selectionOf(sideFigureColumns(list).slice(1))} } } }`;
}

/**
 * A side's aggregate as a table, each side's read side by side by its own document, its rows' 辖区
 * the side whose document answered them. Read for every side (the joint office's export), it is named after
 * them all (各辖区活动按月统计: the sheet, the file and the caption); read for one side, the sheet is
 * 活动按月统计 (the file gets the side's name before it, as every export does) and the caption names
 * the side: 四川省活动按月统计 2021年上半年.
 */
export async function sideFigureTable(read: Read, list: string, query: FigureQuery): Promise<ExportTable> {
  const label = sideFigureLabel(list);
  const columns = sideFigureColumns(list);
  const sides = sidesOf(query.sides);
  const variables = { period: query.period ?? null, allianceId: query.allianceId ?? null };
  const answers = await read(
    sides.map((side) => sideRead(side, list, sideFigureDocument(list, side.key), variables)),
    label,
  );
  // One side's has no 辖区 column: its caption names the side.
  const shown = query.sides?.length === 1 ? columns.slice(1) : columns;
  const rows = sides.flatMap((side, i) => ((answers[i]![side.key] as Record<string, Record<string, unknown>[]>)[list]!).map((item) => shown.map((c) => valueAt({ ...item, [SIDE_PATH]: side.name }, c.path))));
  const whose = query.sides ? sides.map((s) => s.name).join('、') : EVERY_SIDE;
  return onePage(query.sides ? label : `${EVERY_SIDE}${label}`, shown, rows, captionOf(`${whose}${label}`, query));
}
