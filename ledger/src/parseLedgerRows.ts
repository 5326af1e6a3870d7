import { createHash } from 'node:crypto';
import { canonicalJson } from '@linju/contract';
import { cellError, isFormula, plainValue, readCell } from './readCell.ts';
import type { LedgerKind } from './kinds/index.ts';
import { absentFor } from './kinds/mayBeAbsent.ts';
import { vocabularyValue } from './kinds/vocabularyValue.ts';
import type { LedgerRow } from './readLedgerFile.ts';
import type { ChosenNamesake } from './chosenNamesakes.ts';

/** What is wrong with a row: the column (its header) and the reason, in Chinese. */
export interface RowProblem {
  column: string | null;
  reason: string;
}

/** A data row interpreted: the write's input, or the problems that keep it from being sent. */
export interface ParsedRow extends LedgerRow {
  input: Record<string, string | number> | null;
  problems: RowProblem[];
  /** Names of the region's records taken though the side has namesakes elsewhere (`resolveReferences`), to be said. */
  chosen?: readonly ChosenNamesake[];
}

/**
 * Each row's cells read by the kind's table (dates, counts, IDs, the vocabulary). A formula counts
 * by the result Excel saved with it; one without a saved result is refused (the import does not
 * evaluate formulas).
 */
export function parseLedgerRows(rows: readonly LedgerRow[], kind: LedgerKind): ParsedRow[] {
  return rows.map((row) => {
    const input: Record<string, string | number> = {};
    const problems: RowProblem[] = [];
    for (const column of kind.columns) {
      const raw = row.cells[column.header];
      if (isFormula(raw) && plainValue(raw) === undefined && !cellError(raw)) {
        problems.push({ column: column.header, reason: '公式没有保存的计算结果；请在 Excel 中重新计算并保存，或改为填写数值' });
        continue;
      }
      const cell = readCell(raw, column);
      if ('problem' in cell) problems.push({ column: column.header, reason: cell.problem });
      else if (cell.value === null) {
        if (column.required) problems.push({ column: column.header, reason: '必填，不能为空' });
      } else if (column.vocabulary) {
        // One of the values, or a name the dashboard and the briefing give one (川渝户口迁移): the value the store records.
        const value = vocabularyValue(column, String(cell.value));
        if (value === undefined) problems.push({ column: column.header, reason: `“${cell.value}”不在可选范围内（${column.vocabulary.join('、')}）` });
        else input[column.field] = value;
      } else input[column.field] = cell.value;
    }
    // A column the file does not have (its header is no key of the cells) is blank, but for a count that applies to this row.
    for (const column of kind.columns) {
      const reason = column.header in row.cells ? undefined : absentFor(column, input);
      if (reason) problems.push({ column: column.header, reason });
    }
    return { ...row, input: problems.length ? null : input, problems };
  });
}

/**
 * The row's idempotency key: a hash of the kind, the side and the row as the store will record it,
 * so the same row imported again (the same file twice, or an interrupted import resumed) is the
 * same write, however its cells were typed (a serial date or text, full-width digits, trailing
 * spaces), and whether an optional number was left blank or filled with the store's default. A
 * default is hashed as a blank cell was before defaults were known (left out), so rows imported
 * then with blank cells keep their keys.
 */
export function rowKey(kind: LedgerKind, side: string, input: Record<string, unknown>): string {
  const defaults = new Map(kind.columns.filter((c) => !c.required && c.default !== undefined).map((c) => [c.field, c.default]));
  const recorded = Object.fromEntries(Object.entries(input).filter(([field, value]) => !defaults.has(field) || value !== defaults.get(field)));
  return `ledger:${kind.kind}:${side}:${createHash('sha256').update(canonicalJson([kind.kind, side, recorded])).digest('hex').slice(0, 40)}`;
}
