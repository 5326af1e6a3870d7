import { expect, test } from 'vitest';
import { explorerStorage, forgetExplorerState, withoutHeaders } from '../src/explorerStorage.ts';

/** A Storage as the browser's, over a Map (Node has none). */
function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJtb3hpLWNsZXJrIn0.c2ln';
const HEADERS = JSON.stringify({ Authorization: `Bearer ${TOKEN}` });

test('GraphiQL’s history, favourites and tabs are kept without their headers; the Headers editor’s text is not kept at all', () => {
  const history = JSON.stringify({ queries: [{ query: '{ a }', variables: '{"idNumber":"1"}', headers: HEADERS, operationName: 'A' }] });
  expect(JSON.parse(withoutHeaders('graphiql:queries', history)!)).toEqual({ queries: [{ query: '{ a }', variables: '{"idNumber":"1"}', headers: null, operationName: 'A' }] });
  expect(withoutHeaders('graphiql:favorites', JSON.stringify({ favorites: [{ query: '{ b }', headers: HEADERS }] }))).not.toContain(TOKEN);
  const tabs = JSON.stringify({ tabs: [{ id: '1', query: '{ c }', headers: HEADERS }], activeTabIndex: 0 });
  expect(JSON.parse(withoutHeaders('graphiql:tabState', tabs)!)).toEqual({ tabs: [{ id: '1', query: '{ c }', headers: null }], activeTabIndex: 0 });
  expect(withoutHeaders('graphiql:headers', HEADERS)).toBeNull();
  expect(withoutHeaders('graphiql:query', '{ d }')).toBe('{ d }');
  expect(withoutHeaders('graphiql:queries', 'not json')).toBe('not json');
});

test('the storage GraphiQL is given writes to the tab’s storage under its namespace, strips headers, and its clear leaves the sign-in’s tokens', () => {
  const tab = memoryStorage({ 'linju.signIn.linju-explorer.tokens': '{"accessToken":"t"}' });
  const storage = explorerStorage(tab);
  storage.setItem('graphiql:queries', JSON.stringify({ queries: [{ query: '{ a }', headers: HEADERS }] }));
  storage.setItem('graphiql:headers', HEADERS);
  expect(tab.getItem('graphiql:queries')).not.toContain(TOKEN);
  expect(tab.getItem('graphiql:headers')).toBeNull();
  expect(storage.length).toBe(1);
  storage.clear();
  expect(tab.getItem('graphiql:queries')).toBeNull();
  expect(tab.getItem('linju.signIn.linju-explorer.tokens')).toBe('{"accessToken":"t"}');
});

test('what GraphiQL kept in localStorage before is forgotten (only its keys); a storage that throws is left alone', () => {
  const device = memoryStorage({ 'graphiql:queries': HEADERS, 'graphiql:tabState': '{}', 'linju.signIn.linju-explorer.askAccount': '1' });
  forgetExplorerState(device);
  expect(device.length).toBe(1);
  expect(device.getItem('linju.signIn.linju-explorer.askAccount')).toBe('1');
  const blocked = { get length(): number { throw new Error('SecurityError'); } } as unknown as Storage;
  expect(() => forgetExplorerState(blocked)).not.toThrow();
  expect(() => forgetExplorerState(null)).not.toThrow();
});
