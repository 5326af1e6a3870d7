import { describe, expect, test } from 'vitest';
import { openingTab, savedActiveTab } from '../src/openingTab.ts';

const examples = [
  { query: 'query AllianceWithMembers($id: ID!) { alliance(id: $id) { id } }', variables: '{ "id": "joint:Alliance:moxi-shuangjiang" }' },
  { query: '{ overview { total { jointSeminarSessions } } }' },
];

const saved = (tabs: unknown[], activeTabIndex: number) => JSON.stringify({ tabs, activeTabIndex });

describe('the tab the explorer opens with', () => {
  test('on a first visit: the first example, with its variables', () => {
    expect(openingTab(examples, null)).toEqual({ query: examples[0]!.query, variables: examples[0]!.variables });
  });

  test('an example without variables opens with an empty variables editor', () => {
    expect(openingTab(examples.slice(1), null)).toEqual({ query: examples[1]!.query, variables: '' });
  });

  test('on a later visit: the tab that was active, so GraphiQL selects it instead of adding a copy', () => {
    const tabs = [
      { id: 'a', title: 'A', query: 'a', variables: null, headers: null, operationName: null, response: null },
      { id: 'b', title: 'B', query: '{ b }', variables: '{"x":1}', headers: null, operationName: null, response: null },
    ];
    expect(openingTab(examples, saved(tabs, 1))).toEqual({ query: '{ b }', variables: '{"x":1}' });
    expect(savedActiveTab(saved(tabs, 0))).toEqual({ query: 'a', variables: '' });
  });

  test('saved tabs that are unreadable or not GraphiQL’s are ignored', () => {
    for (const text of ['not json', 'null', '{}', saved([], 0), saved([{ query: 3 }], 0), JSON.stringify({ tabs: [{ query: 'a' }], activeTabIndex: '0' })]) {
      expect(savedActiveTab(text), text).toBeUndefined();
      expect(openingTab(examples, text)?.query, text).toBe(examples[0]!.query);
    }
  });

  test('without examples and without saved tabs, GraphiQL opens its own default', () => {
    expect(openingTab([], null)).toBeUndefined();
  });
});
