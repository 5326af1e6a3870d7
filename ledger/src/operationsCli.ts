#!/usr/bin/env -S npx tsx
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STALE_GENERATED_OPERATIONS_EXIT } from '@linju/schema/operations';
import { ledgerOperations } from './ledgerOperations.ts';

// `tsx ledger/src/operationsCli.ts [--check]`, run by `npm run schema:compose` (and with --check by
// `npm run schema:check`): writes every document the ledger sends (ledgerOperations.ts) to
// ledger/operations/<name>.graphql, exactly as it is sent, and removes the files of documents it no
// longer sends; --check writes nothing and exits STALE_GENERATED_OPERATIONS_EXIT when a file differs,
// is missing or is left over.
// Needs none of ledger/'s own packages: the documents are made from the root's.

const directory = fileURLToPath(new URL('../operations/', import.meta.url));
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

const wanted = new Map(ledgerOperations().map(({ name, document }) => [`${name}.graphql`, document]));
const present = (await readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith('.graphql'));
const current = async (file: string) => (present.includes(file) ? (await readFile(join(directory, file), 'utf8')).replace(/\r\n/g, '\n') : undefined);
const changed: string[] = [];
for (const [file, document] of wanted) if ((await current(file)) !== document) changed.push(file);
const leftOver = present.filter((file) => !wanted.has(file));

if (values.check) {
  if (changed.length || leftOver.length) {
    const named = [...changed.map((file) => `${file} (${present.includes(file) ? 'differs' : 'missing'})`), ...leftOver.map((file) => `${file} (no longer sent)`)];
    console.error(`ledger/operations/ is stale: ${named.slice(0, 5).join(', ')}${named.length > 5 ? ` and ${named.length - 5} more` : ''}; run npm run schema:compose`);
    process.exitCode = STALE_GENERATED_OPERATIONS_EXIT;
  } else console.log(`ledger/operations/ is up to date with the ${wanted.size} documents the ledger sends`);
} else {
  await mkdir(directory, { recursive: true });
  for (const file of changed) await writeFile(join(directory, file), wanted.get(file)!, 'utf8');
  for (const file of leftOver) await rm(join(directory, file));
  console.log(`Wrote ledger/operations/ (the ${wanted.size} documents the ledger sends: ${changed.length} written, ${leftOver.length} removed)`);
}
