import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The joint dashboard's operations; `schema:compose` also generates their answer types for the page. */
export const dashboardOperationsDirectory = fileURLToPath(new URL('../../../dashboard/operations/', import.meta.url));

/** A folder of operations generated from the code that sends them, and the script that writes it. */
export interface GeneratedOperationDirectory {
  readonly directory: string;
  /** Rewrites the folder; with `--check`, writes nothing and exits {@link STALE_GENERATED_OPERATIONS_EXIT} when the folder is stale. */
  readonly script: string;
}

/**
 * The exit code of a generator run with `--check` whose folder is stale. Any other failure (a crash,
 * a module it cannot load) is its generator's fault, which regenerating would not mend.
 */
export const STALE_GENERATED_OPERATIONS_EXIT = 3;

/**
 * Operations made at run time by code (never written by hand), whose folder that code's own script
 * generates: the documents server's and the ledger CLIs' exports, imports and reads
 * (`ledger/src/ledgerOperations.ts`). `schema:compose` runs the script after writing the
 * supergraph (the documents follow it), `schema:check` runs it with `--check`.
 */

export const generatedOperationDirectories: readonly GeneratedOperationDirectory[] = [
  {
    directory: fileURLToPath(new URL('../../../ledger/operations/', import.meta.url)),
    script: fileURLToPath(new URL('../../../ledger/src/operationsCli.ts', import.meta.url)),
  },
];

/**
 * Where registered operations live, one copy each. Other dashboards' operations are in
 * `schema/operations/`; the joint dashboard's stay in `dashboard/operations/`, beside the page that
 * bundles them; the documented examples stay in `gateway/examples/`, because the explorer serves
 * them as tabs from there; the explorer's own requests (its token check and its list of
 * jurisdictions, which are no tabs) in `explorer/operations/`, bundled by its page; the ledger's are
 * generated into `ledger/operations/`.
 */
export const operationDirectories: readonly string[] = [
  fileURLToPath(new URL('../../operations/', import.meta.url)),
  dashboardOperationsDirectory,
  fileURLToPath(new URL('../../../gateway/examples/', import.meta.url)),
  fileURLToPath(new URL('../../../explorer/operations/', import.meta.url)),
  ...generatedOperationDirectories.map(({ directory }) => directory),
];

/** Absolute path of the committed manifest that the gateway reads in registered-only mode. */
export const manifestPath = fileURLToPath(new URL('../../operations/manifest.json', import.meta.url));

/** One operation a client is known to send. */
export interface RegisteredOperation {
  /** The operation's name (each file holds one named operation). */
  readonly name: string;
  /** The file, relative to the repository root. */
  readonly source: string;
  /** The document exactly as a client sends it: the file's text, with LF line endings. */
  readonly document: string;
  /** `sha256` of `document`, in hex: what APQ clients send as `extensions.persistedQuery.sha256Hash`. */
  readonly hash: string;
}

/** `schema/operations/manifest.json`: every registered document by its hash. */
export interface OperationManifest {
  readonly version: 1;
  readonly operations: Readonly<Record<string, { readonly name: string; readonly source: string; readonly document: string }>>;
}

/** The hash under which a document is registered and sent by APQ clients. */
export function operationHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

function operationName(text: string, source: string): string {
  const operations = parse(text, { noLocation: true }).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const name = operations.length === 1 ? operations[0]?.name?.value : undefined;
  if (!name) throw new Error(`${source} must hold exactly one named operation`);
  return name;
}

/** Reads every `*.graphql` file of the given folders (default: {@link operationDirectories}). */
export async function loadRegisteredOperations(directories: readonly string[] = operationDirectories): Promise<RegisteredOperation[]> {
  const operations: RegisteredOperation[] = [];
  for (const directory of directories) {
    let files: string[];
    try {
      files = (await readdir(directory)).filter((file) => file.endsWith('.graphql')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const file of files) {
      const path = join(directory, file);
      const source = relative(repositoryRoot, path).split('\\').join('/') || basename(path);
      const document = (await readFile(path, 'utf8')).replace(/\r\n/g, '\n');
      operations.push({ name: operationName(document, source), source, document, hash: operationHash(document) });
    }
  }
  const byName = new Map<string, string>();
  for (const { name, source } of operations) {
    const other = byName.get(name);
    if (other) throw new Error(`Operation ${name} is registered twice: ${other} and ${source}`);
    byName.set(name, source);
  }
  return operations;
}

export function buildManifest(operations: readonly RegisteredOperation[]): OperationManifest {
  const sorted = [...operations].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return { version: 1, operations: Object.fromEntries(sorted.map(({ hash, name, source, document }) => [hash, { name, source, document }])) };
}

/** The exact committed text of a manifest. */
export function toManifestText(manifest: OperationManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export async function readManifestText(path: string = manifestPath): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).replace(/\r\n/g, '\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads and checks the committed manifest (its hashes must match its documents). */
export async function readManifest(path: string = manifestPath): Promise<OperationManifest> {
  const text = await readManifestText(path);
  if (text === undefined) throw new Error(`${path} is missing: run npm run schema:compose`);
  const manifest = JSON.parse(text) as OperationManifest;
  if (manifest.version !== 1 || typeof manifest.operations !== 'object' || manifest.operations === null) {
    throw new Error(`${path} is not a version 1 operation manifest`);
  }
  for (const [hash, { document, name }] of Object.entries(manifest.operations)) {
    if (operationHash(document) !== hash) throw new Error(`${path}: the hash of ${name} does not match its document`);
  }
  return manifest;
}

export async function writeManifest(manifest: OperationManifest, path: string = manifestPath): Promise<void> {
  await writeFile(path, toManifestText(manifest), 'utf8');
}
