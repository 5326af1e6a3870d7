import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { dataOf, newKey, uniqueName } from './writeSupport.ts';
import { asTownClerk, FENSHUI, loadTowns, MOXI, type Town } from './townClerkWrites.ts';

/**
 * A row of a row-by-row import refused while other rows of the same call were written: its message
 * says that this row was not written (本行未写入), never that nothing was changed.
 */

let federation: Federation;
let towns: Record<string, Town>;
beforeAll(async () => {
  federation = await startFederation();
  towns = await loadTowns(federation);
});
afterAll(() => federation?.stop());

const IMPORT = `mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows, mode: ROW_BY_ROW) { created refused rows { index status code rule message } } }`;

test('磨溪镇’s clerk imports a row of 磨溪镇 and one of 分水镇: the second says 本行未写入, the first is written', async () => {
  const row = (organizerId: string) => ({ input: { kind: '政策宣讲', title: uniqueName('逐行导入'), heldOn: '2024-03-01', organizerId, personTimes: 30 }, idempotencyKey: newKey() });
  const rows = [row(towns[MOXI]!.committee.id), row(towns[FENSHUI]!.committee.id)];
  const result = dataOf<any>(await federation.query(IMPORT, { rows }, await asTownClerk(federation, MOXI))).sichuanImportActivities;
  expect(result).toMatchObject({ created: 1, refused: 1 });
  const refused = result.rows.find((r: any) => r.status === 'REFUSED');
  expect(refused).toMatchObject({ index: 1, code: 'FORBIDDEN', rule: 'outside-region' });
  const [chinese, english] = refused.message.split(' / ');
  expect(chinese).toMatch(/本行未写入。$/);
  expect(chinese).not.toContain('未作任何更改');
  expect(english).toMatch(/This row was not written\.$/);
  expect(english).not.toContain('Nothing was changed');
});
