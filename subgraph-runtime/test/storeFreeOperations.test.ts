import { describe, expect, it } from 'vitest';
import { storeFreeOperations } from '../src/server/storeFreeOperations.ts';

const storeFree = storeFreeOperations(['JointOverview.total']);
const overview = { __typename: 'JointOverview', id: 'overview:x', sichuan: {}, chongqing: {} };
const TOTAL = 'query Plan__joint__3($representations: [_Any!]!) { _entities(representations: $representations) { ... on JointOverview { total { policyTalks } } } }';
const entities = (selection: string) => `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`;

describe('storeFreeOperations', () => {
  it('finds the joint total store-free, with __typename beside it, for JointOverview representations', () => {
    expect(storeFree(TOTAL, { representations: [overview] })).toBe(true);
    expect(storeFree(entities('__typename ... on JointOverview { __typename total { policyTalks } }'), { representations: [overview, overview] })).toBe(true);
  });

  it.each<[string, string, unknown]>([
    ['another field of the same type', entities('... on JointOverview { total { policyTalks } alliances { total } }'), { representations: [overview] }],
    ['a fragment spread', `${entities('...F')} fragment F on JointOverview { total { policyTalks } }`, { representations: [overview] }],
    ['a fragment without a type', entities('... { __typename }'), { representations: [overview] }],
    ['a representation of another type', TOTAL, { representations: [overview, { __typename: 'Alliance', id: 'joint:Alliance:b1' }] }],
    ['no representation', TOTAL, { representations: [] }],
    ['representations that are not a list', TOTAL, { representations: overview }],
    ['no variables', TOTAL, undefined],
    ['a root field beside _entities', `query ($representations: [_Any!]!) { alliances(first: 1) { totalCount } _entities(representations: $representations) { ... on JointOverview { total { policyTalks } } } }`, { representations: [overview] }],
    ['representations written in the text', '{ _entities(representations: [{ __typename: "Alliance", id: "joint:Alliance:b1" }]) { ... on JointOverview { total { policyTalks } } } }', {}],
    ['a mutation', TOTAL.replace('query', 'mutation'), { representations: [overview] }],
    ['two operations', `${TOTAL} query Other { __typename }`, { representations: [overview] }],
    ['a document that does not parse', `${TOTAL} {`, { representations: [overview] }],
  ])('is not store-free: %s', (_what, query, variables) => {
    expect(storeFree(query, variables)).toBe(false);
  });

  it('with no derived field, nothing is store-free', () => {
    expect(storeFreeOperations([])(TOTAL, { representations: [overview] })).toBe(false);
  });
});
