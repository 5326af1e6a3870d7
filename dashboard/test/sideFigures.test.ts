import { readFileSync } from 'node:fs';
import { JURISDICTIONS } from '@linju/contract';
import { expect, test } from 'vitest';
import type { FiguresAnswer } from '../src/graphql/answers.ts';
import { sideFiguresVariables, sideKeysOf, sidesLostWithJointOffice, withSidesAnswered, type SideFiguresAnswer } from '../src/graphql/sideFigures.ts';

const document = readFileSync(new URL('../operations/DashboardSideFigures.graphql', import.meta.url), 'utf8');
const PERIOD = { from: '2021-01-01', to: '2021-06-30' };
const jointDown = { message: 'joint is unavailable', path: ['jurisdictions'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'joint', jurisdiction: '遂潼联合办公室' } };

test('DashboardSideFigures asks for every member of federation.json, by its key, in its order', () => {
  expect(sideKeysOf(document)).toEqual(JURISDICTIONS.map((j) => j.key));
  expect(sideFiguresVariables(document, PERIOD, null)).toEqual({ period: PERIOD, sichuan: true, chongqing: true });
  expect(sideFiguresVariables(document, PERIOD, 'chongqing')).toEqual({ period: PERIOD, sichuan: false, chongqing: true });
});

test('the sides are read from their own stores only when the joint office took them with it', () => {
  expect(sidesLostWithJointOffice(null, [jointDown])).toBe(true);
  expect(sidesLostWithJointOffice({ jurisdictions: null } as unknown as FiguresAnswer, [{ ...jointDown, extensions: { ...jointDown.extensions, code: 'SUBGRAPH_TIMEOUT' } }])).toBe(true);
  // The joint office's subgraph up, its PostgreSQL down: overview, figureTargets and jurisdictions null (docs/dashboard.md).
  expect(sidesLostWithJointOffice({ overview: null, figureTargets: null, jurisdictions: null } as unknown as FiguresAnswer, [{ ...jointDown, extensions: { ...jointDown.extensions, code: 'DATABASE_UNAVAILABLE', store: 'joint' } }])).toBe(true);
  // The joint office answered its list (its store down, the sides' figures there): nothing to read again.
  expect(sidesLostWithJointOffice({ jurisdictions: [] } as unknown as FiguresAnswer, [jointDown])).toBe(false);
  // A side down is that side's outage, not a reason to ask again.
  expect(sidesLostWithJointOffice({ jurisdictions: [null] } as unknown as FiguresAnswer, [{ ...jointDown, extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'sichuan', jurisdiction: '四川省' } }])).toBe(false);
  expect(sidesLostWithJointOffice(null, [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }])).toBe(false);
});

test('the sides answered take the place of `jurisdictions`, in the document’s order; the joint office’s parts stay missing', () => {
  const chongqing = { code: '500000', key: 'chongqing', name: '重庆市' };
  const merged = withSidesAnswered(null, document, null, { chongqing, sichuan: null } as unknown as SideFiguresAnswer);
  expect(merged.jurisdictions).toEqual([null, chongqing]);
  expect(merged.overview).toBeNull();
  expect(withSidesAnswered(null, document, 'chongqing', { chongqing } as unknown as SideFiguresAnswer).jurisdictions).toEqual([chongqing]);
});
