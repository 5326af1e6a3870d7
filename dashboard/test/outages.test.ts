import { expect, test } from 'vitest';
import { otherErrors, outagesOf } from '../src/graphql/outages.ts';

const down = (subgraph: string, jurisdiction: string, path?: (string | number)[]) => ({
  message: `${jurisdiction} is unavailable`,
  ...(path && { path }),
  extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph, jurisdiction },
});

test('each unavailable store once, named as its owner, with its place in the jurisdictions list', () => {
  const errors = [down('sichuan', '四川省', ['overview', 'total']), down('sichuan', '四川省', ['jurisdictions', 0]), { message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }];
  expect(outagesOf(errors)).toEqual([{ subgraph: 'sichuan', name: '四川省', code: 'SUBGRAPH_UNAVAILABLE', slot: 0 }]);
  expect(otherErrors(errors).map((e) => e.message)).toEqual(['bad']);
});

test('a store whose database is down or that timed out counts as unavailable too', () => {
  const errors = [
    { message: 'db', extensions: { code: 'DATABASE_UNAVAILABLE', subgraph: 'chongqing', jurisdiction: '重庆市' } },
    { message: 'slow', extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph: 'joint', jurisdiction: '遂潼联合办公室' } },
  ];
  expect(outagesOf(errors).map((o) => o.name)).toEqual(['重庆市', '遂潼联合办公室']);
  expect(otherErrors(errors)).toEqual([]);
});
