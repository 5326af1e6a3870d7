import { describe, expect, test } from 'vitest';
import { contractMigrations, defineFigure, FIGURE_NAMES, FIGURES, jurisdictionByKey, type FigureName } from '../src/index.ts';
import { figureRollupMigration, FIGURE_ROLLUPS } from '../src/figures/figureRollupMigration.ts';

/** The figures' rollup triggers are generated from the catalogue, and applied as a migration named by their SQL. */
describe('the figure rollups’ migration', () => {
  const side = jurisdictionByKey('sichuan')!;

  test('follows the rollup tables’ migration, with the side’s key filled in', () => {
    const names = contractMigrations(side).map((m) => m.name);
    const at = names.indexOf(FIGURE_ROLLUPS);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(names[at + 1]).toMatch(/^0008_figure_rollups_[0-9a-f]{12}$/);
    const { sql } = contractMigrations(side)[at + 1]!;
    expect(sql).not.toContain('{{');
    expect(sql).toContain(`NOT LIKE 'sichuan:%'`);
  });

  test('keeps every table a figure reads, and the tables they join, on every kind of write', () => {
    const { sql } = figureRollupMigration({ key: 'sichuan' });
    for (const table of ['post', 'activity', 'facility', 'project', 'service_case', 'team', 'team_action', 'transport_link', 'civilization_record']) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) expect(sql, `${table} ${event}`).toMatch(new RegExp(`CREATE TRIGGER ${table}_figure_rollup_${event.toLowerCase()} AFTER ${event} ON ${table} `));
    }
    // Every figure of the catalogue is a row of the rollups.
    for (const name of FIGURE_NAMES) expect(sql).toContain(`('${name}', CASE WHEN`);
  });

  test('is another migration once the catalogue changes, so stores replace their triggers and rebuild', () => {
    const before = figureRollupMigration({ key: 'sichuan' }).name;
    const added = 'rollupTestFigure' as FigureName;
    (FIGURES as Record<string, unknown>)[added] = defineFigure({
      label: '测试', labelEn: 'Test', unit: '条', unitEn: 'records', category: '治理共抓', source: 'teamAction', filter: { kind: '日常巡逻' }, measure: 'count',
    });
    FIGURE_NAMES.push(added);
    try {
      expect(figureRollupMigration({ key: 'sichuan' }).name).not.toBe(before);
    } finally {
      FIGURE_NAMES.pop();
      delete (FIGURES as Record<string, unknown>)[added];
    }
    expect(figureRollupMigration({ key: 'sichuan' }).name).toBe(before);
  });
});
