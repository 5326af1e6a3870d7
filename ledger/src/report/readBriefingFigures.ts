import { FIGURE_NAMES, JOINT_HOME, JURISDICTIONS, type AgreementFigure, type AllianceKindFigure, type FigureValues, type JurisdictionInfo } from '@linju/contract';
import { readManifest } from '@linju/schema/operations';
import { post, type GatewayAdvice } from '../gatewayClient.ts';
import { LedgerError } from '../LedgerError.ts';
import { errorsOfPart, missingPartsReason, subgraphOf, type GatewayError, type MissingPart } from '../answerParts.ts';
import type { BriefingPeriod } from './briefingPeriod.ts';

/** The registered operation the joint dashboard reads its figures with; the briefing reads the same. */
const OPERATION = 'DashboardFigures';

/** Where the briefing reads from, and as whom (the figures are public: the token is optional). */
export interface BriefingSource {
  gatewayUrl: string;
  token?: string;
}

/** One side's part of a period, as its own store answered. */
export interface SideFigures {
  readonly key: string;
  readonly code: string;
  readonly name: string;
  readonly figures: FigureValues;
  readonly activitiesByMonth: readonly { month: string; activities: number }[];
  readonly serviceCasesByKind: readonly { kind: string; cases: number }[];
  /** When the side's store last changed, as it says of itself (ISO), the dashboard's 数据截至; null when it does not say. */
  readonly dataAsOf?: string | null;
}

/** Everything a briefing says of one period: the joint office's counts, each side's figures, their total. */
export interface PeriodFigures {
  readonly period: BriefingPeriod;
  readonly alliances: Readonly<Record<AllianceKindFigure, number>> & { readonly byKind: readonly { kind: string; count: number }[] };
  readonly agreements: Readonly<Record<AgreementFigure, number>>;
  /** The joint total, or the one side's figures when the briefing is of one side. */
  readonly total: FigureValues;
  readonly sides: readonly SideFigures[];
  /** When the gateway answered. */
  readonly readAt: Date;
  /** When the joint office's store last changed (its alliances and agreements), as the dashboard's 数据截至; null when it does not say. */
  readonly jointDataAsOf?: string | null;
}

type FigureList = { values: { figure: string; value: number | null }[] } | null;
interface Answer {
  data?: {
    overview: { alliances: PeriodFigures['alliances']; agreements: PeriodFigures['agreements']; total?: FigureList; dataAsOf?: string | null } | null;
    jurisdictions: ({ code: string; key: string; name: string; figures: FigureList; dataAsOf?: string | null } & Pick<SideFigures, 'activitiesByMonth' | 'serviceCasesByKind'>)[] | null;
  } | null;
  errors?: GatewayError[];
}

/** What a clerk is told when the gateway cannot be reached or refuses the token. */
const BRIEFING_ADVICE: GatewayAdvice = {
  unreachable: '简报未生成，请确认网关已启动后重试。',
  refused: '请重新登录获取令牌，或不带令牌读取公开指标。',
};

const documents = new Map<string, Promise<string>>();

/** An operation's document as registered (schema/operations/manifest.json), so a registered-only gateway answers it too. */
function registeredDocument(name: string = OPERATION): Promise<string> {
  let document = documents.get(name);
  if (!document) {
    document = readManifest().then((manifest) => {
      const found = Object.values(manifest.operations).find((operation) => operation.name === name);
      if (!found) throw new Error(`${name} is not in schema/operations/manifest.json`);
      return found.document;
    });
    documents.set(name, document);
  }
  return document;
}

/** A figure list by name; a figure the answer lacks is null (not reported), never 0. */
function byName(list: FigureList): FigureValues | null {
  if (!list) return null;
  const values = new Map(list.values.map((v) => [v.figure, v.value]));
  return Object.fromEntries(FIGURE_NAMES.map((name) => [name, values.get(name) ?? null])) as FigureValues;
}

/**
 * The refusal of a period with parts left out: each part named with its own reason, and an outage
 * (503, to be retried) when any of them is left out because its store could not answer, else a
 * refusal (400).
 */
function missingParts(parts: readonly MissingPart[]): LedgerError {
  const { reasons, outage } = missingPartsReason(parts);
  return new LedgerError(`${reasons}，简报未生成${outage ? '；请稍后重试' : ''}。`, outage ? 'store-unavailable' : 'refused');
}

/** The sides a briefing covers: one named with --jurisdiction, or every member of federation.json. */
export function briefingSides(jurisdiction?: string): readonly JurisdictionInfo[] {
  if (!jurisdiction) return JURISDICTIONS;
  const side = JURISDICTIONS.find((j) => j.key === jurisdiction);
  if (!side) throw new LedgerError(`没有辖区“${jurisdiction}”；可选：${JURISDICTIONS.map((j) => j.key).join('、')}。`);
  return [side];
}

/**
 * One period's figures through the gateway, by the dashboard's registered operation. A side that
 * does not answer stops the briefing: a total is never reported from part of the sides.
 */
export async function readPeriodFigures(source: BriefingSource, period: BriefingPeriod, sides: readonly JurisdictionInfo[]): Promise<PeriodFigures> {
  const allSides = sides.length === JURISDICTIONS.length;
  // The gateway's PeriodInput is the dates alone.
  const variables = { period: { from: period.from, to: period.to }, sides: sides.map((s) => s.key), allSides };
  const answer = (await post({ gatewayUrl: source.gatewayUrl, token: source.token ?? '' }, await registeredDocument(), variables, BRIEFING_ADVICE)) as Answer;
  const overview = answer.data?.overview;
  const errors = answer.errors ?? [];
  const sideKeys = sides.map((side) => side.key);
  const missing: MissingPart[] = [];
  if (!overview) missing.push({ what: '联合办公室的总览', errors: errorsOfPart(errors, { stores: [JOINT_HOME.key], path: ['overview'] }), fallback: '网关没有返回数据' });
  const parts = sides.flatMap((side, i) => {
    const part = answer.data?.jurisdictions?.[i];
    const figures = part?.key === side.key ? byName(part.figures) : null;
    if (part && figures) return [{ key: part.key, code: part.code, name: part.name, figures, activitiesByMonth: part.activitiesByMonth, serviceCasesByKind: part.serviceCasesByKind, dataAsOf: part.dataAsOf ?? null }];
    const sideErrors = errorsOfPart(errors, { stores: [side.key], path: ['jurisdictions', i] });
    // Without the overview the whole answer may be empty: a side is then named only when its own store said why.
    const own = sideErrors.filter((error) => subgraphOf(error) !== undefined);
    if (overview || own.length > 0) missing.push({ what: `${side.name}的数据`, errors: overview ? sideErrors : own, fallback: '其子图不可用' });
    return [];
  });
  // Without the overview, `missing` names it.
  if (!overview || missing.length > 0) throw missingParts(missing);
  const total = allSides ? byName(overview.total ?? null) : parts[0]!.figures;
  if (!total) throw missingParts([{ what: '两地合计', errors: errorsOfPart(errors, { stores: sideKeys, path: ['overview'] }), fallback: '其子图不可用' }]);
  return { period, alliances: overview.alliances, agreements: overview.agreements, total, sides: parts, readAt: new Date(), jointDataAsOf: overview.dataAsOf ?? null };
}

/** Each side's activities by month (its key's), of months read apart from a period: the months before a one-month briefing. */
export type SideMonths = ReadonlyMap<string, SideFigures['activitiesByMonth']>;

/**
 * Each side's activities by month over `period`, as the dashboard and the exports count them (the
 * sides' activitiesByMonth, by the registered export `LedgerExportActivitiesByMonth`): the months a
 * one-month briefing draws before its own in 图2. A side that does not answer stops the briefing, as
 * in {@link readPeriodFigures}.
 */
export async function readActivityMonths(source: BriefingSource, period: BriefingPeriod, sides: readonly JurisdictionInfo[]): Promise<SideMonths> {
  const keys = sides.map((side) => side.key);
  const variables = { period: { from: period.from, to: period.to }, allianceId: null, keys };
  const answer = (await post({ gatewayUrl: source.gatewayUrl, token: source.token ?? '' }, await registeredDocument('LedgerExportActivitiesByMonth'), variables, BRIEFING_ADVICE)) as {
    data?: { jurisdictions: ({ name: string; activitiesByMonth: SideFigures['activitiesByMonth'] } | null)[] | null } | null;
    errors?: GatewayError[];
  };
  const errors = answer.errors ?? [];
  const months = new Map<string, SideFigures['activitiesByMonth']>();
  const missing: MissingPart[] = [];
  for (const [i, side] of sides.entries()) {
    // The export names its sides, not their keys.
    const part = answer.data?.jurisdictions?.find((j) => j?.name === side.name);
    if (part?.activitiesByMonth) months.set(side.key, part.activitiesByMonth);
    else missing.push({ what: `${side.name}的活动按月数据`, errors: errorsOfPart(errors, { stores: [side.key], path: ['jurisdictions', i] }), fallback: '其子图不可用' });
  }
  if (missing.length > 0) throw missingParts(missing);
  return months;
}