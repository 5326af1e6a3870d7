import { expect, test } from 'vitest';
import { readDocumentsConfig } from '../src/server/documentsConfig.ts';

/** The documents server reads LINJU_ENV as every process of Linju does (docs/configuration.md): a slip refuses the start. */
test('a LINJU_ENV that is neither mode stops the documents server, naming it', () => {
  expect(() => readDocumentsConfig({ LINJU_ENV: 'prod' })).toThrow(/^Invalid LINJU_ENV="prod": expected "production" or "development"/);
  expect(readDocumentsConfig({ LINJU_ENV: 'production' }).port).toBe(4020);
  expect(readDocumentsConfig({ LINJU_ENV: 'development' }).port).toBe(4020);
});
