import { EARLIEST_FOUNDING } from '@linju/contract';
import type { LedgerColumn } from './LedgerKind.ts';
import { wholeNumberRule } from './wholeNumberRule.ts';

/** Columns several kinds share, written once. */

/**
 * The examples the templates' notes give, for each side: a town's name as it begins its records' names (磨溪镇党委, 磨溪社区第一网格,
 * 磨溪镇边界巡逻队) and its 党委's global ID, real ones of the seed. The kinds' notes are written with Sichuan's ({@link SICHUAN_EXAMPLE});
 * a template made for Chongqing shows Chongqing's ({@link examplesFor}).
 */
export const SIDE_EXAMPLES = {
  sichuan: { place: '磨溪', organizationId: 'sichuan:Organization:moxi-town' },
  chongqing: { place: '双江', organizationId: 'chongqing:Organization:shuangjiang-town' },
} as const;

const SICHUAN_EXAMPLE = SIDE_EXAMPLES.sichuan;

/** A note as a template made for the side shows it: Sichuan's examples made the side's (unchanged for Sichuan, or no side known). */
export function examplesFor(note: string, side?: string | null): string {
  const example = side ? SIDE_EXAMPLES[side as keyof typeof SIDE_EXAMPLES] : undefined;
  if (!example || example === SICHUAN_EXAMPLE) return note;
  // The other side's IDs Sichuan's notes give (交叉任职填对方人员的 ID，如 chongqing:Person:…) are Sichuan's for Chongqing.
  return note
    .replace(/\bchongqing:(\w+):…/g, 'sichuan:$1:…')
    .replaceAll(SICHUAN_EXAMPLE.organizationId, example.organizationId)
    .replaceAll(SICHUAN_EXAMPLE.place, example.place);
}

/** 所属联盟ID: every record kind may belong to an alliance, given by its global ID. */
export const ALLIANCE_COLUMN: LedgerColumn = {
  header: '所属联盟ID', field: 'allianceId', type: 'id', required: false, note: '所属联盟的全局 ID，如 joint:Alliance:…，可空', width: 36,
};

/** An organization of this side, by its full name or its global ID, within the operator's region. */
export function organizationColumn(header: string, field: string, what: string, required = true): LedgerColumn {
  return {
    header, field, type: 'reference', reference: { list: 'organizations', live: true }, required, width: 30,
    note: `本方${what}的全称（如“${SICHUAN_EXAMPLE.place}镇党委”，须与系统中的名称一致且唯一），或其全局 ID（如 ${SICHUAN_EXAMPLE.organizationId}）；须在操作员所属区划内${required ? '' : '；可空'}`,
  };
}

/** A region of this side, by its name or its global ID, within the operator's region. */
export function regionColumn(header: string, field: string, what: string): LedgerColumn {
  return {
    header, field, type: 'reference', reference: { list: 'regions' }, required: true, width: 24,
    note: `本方${what}（行政区划）的名称，如“${SICHUAN_EXAMPLE.place}镇”（须与系统中的名称一致且唯一），或其全局 ID；须在操作员所属区划内`,
  };
}

/** A person of this side, by name or global ID: anyone of the side (the store places no region on them), looked for in the operator's region first. */
export function personColumn(header: string, field: string, what: string, required: boolean): LedgerColumn {
  return {
    header, field, type: 'reference', reference: { list: 'people', beyondRegion: true }, required, width: 24,
    note: `本方${what}的姓名（须与系统中一致且唯一），或其全局 ID${required ? '' : '；可空'}`,
  };
}

/** A date column: how a clerk may type it, and what it may not be. */
export function dateColumn(header: string, field: string, rule = '不得晚于今天'): LedgerColumn {
  return { header, field, type: 'date', required: true, note: `日期格式，如 2024-04-01 或 2024/4/1；${rule}`, width: 14, earliest: EARLIEST_FOUNDING };
}

/** A kind from the contract's vocabulary, as a drop-down. */
export function kindColumn(header: string, vocabulary: readonly string[], width = 16): LedgerColumn {
  return { header, field: 'kind', type: 'text', required: true, vocabulary, note: '从下拉列表中选择', width };
}

/** What an optional number left blank is, in the column's note. */
const blankNote = (fallback: number) => `，可空（默认 ${fallback}）`;

/**
 * A whole number of at least `min`, the store's least value (0 unless the store says otherwise);
 * optional, it is `fallback` when left blank, the store's default (0 unless it says otherwise).
 */
export function countColumn(header: string, field: string, what: string, { required = false, min = 0, fallback = 0, width = 10 } = {}): LedgerColumn {
  return {
    header, field, type: 'count', required, min, ...(required ? {} : { default: fallback }),
    note: `${what}，${wholeNumberRule(min)}${required ? '' : blankNote(fallback)}`, width,
  };
}

/** A non-negative amount with at most two decimals, in the unit its header names; 0 when left blank, as the store records it. */
export function amountColumn(header: string, field: string, what: string): LedgerColumn {
  return { header, field, type: 'amount', required: false, min: 0, default: 0, note: `${what}，非负数，最多两位小数${blankNote(0)}`, width: 12 };
}

/** A name or title the clerk types. */
export function textColumn(header: string, field: string, note: string, required = true, width = 30): LedgerColumn {
  return { header, field, type: 'text', required, note, width };
}
