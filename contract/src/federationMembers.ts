import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A jurisdiction of the federation: one side of the border, owner of its own store and subgraph. */
export interface JurisdictionInfo {
  /** Key used in global IDs, subgraph names and roles, e.g. `sichuan` (`sichuan-operator`). */
  key: string;
  /** GB/T 2260 code of the province-level division, e.g. `510000`. */
  code: string;
  /** Prefix of the GraphQL types this side owns, e.g. `Sichuan` → `SichuanOrganization`. */
  typePrefix: string;
  name: string;
  nameEn: string;
}

/** Where a member's subgraph package is and the port it listens on when started on its own. */
export interface MemberSubgraph {
  /** Absolute path of the package (`src/index.ts` runs it, `src/server.ts` exports `startSubgraph`, `src/typeDefs.ts` its SDL). */
  directory: string;
  port: number;
}

export interface FederationMembers {
  /** The jurisdictions, in composition order. */
  jurisdictions: readonly (JurisdictionInfo & MemberSubgraph)[];
  /** The joint office's subgraph. */
  joint: MemberSubgraph;
  /** The file they were read from. */
  file: string;
}

/** The committed membership: `federation.json` at the repository root. */
export const DEFAULT_FEDERATION_FILE = fileURLToPath(new URL('../../federation.json', import.meta.url));

/** The membership file in use: `LINJU_FEDERATION_FILE` (a deployment's, or a test's), else the committed one. */
export function federationFile(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.LINJU_FEDERATION_FILE?.trim();
  return chosen ? resolve(chosen) : DEFAULT_FEDERATION_FILE;
}

/** A membership file that cannot be used; `variable` names the setting to change (read by the processes' one-line report). */
class FederationFileError extends Error {
  readonly variable = 'LINJU_FEDERATION_FILE';

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'FederationFileError';
  }
}

const RULES: Record<keyof JurisdictionInfo, [RegExp, string]> = {
  key: [/^[a-z][a-z0-9]{1,30}$/, 'lower-case letters and digits, e.g. "sichuan"'],
  code: [/^[1-9]\d0000$/, 'a province-level GB/T 2260 code, e.g. "510000"'],
  typePrefix: [/^[A-Z][A-Za-z0-9]{1,30}$/, 'a capitalised GraphQL name, e.g. "Sichuan"'],
  // Names are written into generated code and SDL strings: no quotes, backslashes or control characters.
  name: [/^[^\s'"`\\\p{Cc}][^'"`\\\p{Cc}]{0,30}$/u, 'the Chinese name, e.g. "四川省", without quotes or backslashes'],
  nameEn: [/^[^\s'"`\\\p{Cc}][^'"`\\\p{Cc}]{0,60}$/u, 'the English name, e.g. "Sichuan Province", without quotes or backslashes'],
};

function subgraphOf(file: string, where: string, value: Record<string, unknown>): MemberSubgraph {
  const { directory, port } = value;
  if (typeof directory !== 'string' || directory.trim() === '') throw new FederationFileError(file, `${where}.directory must name the subgraph's package folder`);
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) throw new FederationFileError(file, `${where}.port must be a port number`);
  // Relative to the file, so a deployment's or a test's membership can point anywhere.
  return { directory: isAbsolute(directory) ? directory : resolve(dirname(file), directory), port: port as number };
}

function jurisdictionOf(file: string, index: number, value: unknown): JurisdictionInfo & MemberSubgraph {
  const where = `jurisdictions[${index}]`;
  if (typeof value !== 'object' || value === null) throw new FederationFileError(file, `${where} must be an object`);
  const record = value as Record<string, unknown>;
  const info = {} as JurisdictionInfo;
  for (const [field, [pattern, expected]] of Object.entries(RULES) as [keyof JurisdictionInfo, [RegExp, string]][]) {
    const text = record[field];
    if (typeof text !== 'string' || !pattern.test(text)) throw new FederationFileError(file, `${where}.${field} must be ${expected}`);
    info[field] = text;
  }
  return { ...info, ...subgraphOf(file, where, record) };
}

function unique(file: string, members: readonly (JurisdictionInfo & MemberSubgraph)[], joint: MemberSubgraph): void {
  for (const field of ['key', 'code', 'typePrefix'] as const) {
    const seen = new Set<string>();
    for (const member of members) {
      if (seen.has(member[field])) throw new FederationFileError(file, `two jurisdictions share ${field} "${member[field]}"`);
      seen.add(member[field]);
    }
  }
  // The joint office's home in global IDs and its operators' role.
  if (members.some((m) => m.key === 'joint')) throw new FederationFileError(file, '"joint" is the joint office\'s key');
  const ports = [...members.map((m) => m.port), joint.port];
  if (new Set(ports).size !== ports.length) throw new FederationFileError(file, 'two subgraphs share a port');
}

/** Checks a parsed membership; every mistake names the file and the field to fix. */
export function checkFederationMembers(parsed: unknown, file: string): FederationMembers {
  const { jurisdictions, joint } = (parsed ?? {}) as Record<string, unknown>;
  if (!Array.isArray(jurisdictions) || jurisdictions.length < 2) throw new FederationFileError(file, 'jurisdictions must list at least the two sides of a border');
  if (typeof joint !== 'object' || joint === null) throw new FederationFileError(file, 'joint must give the joint office\'s directory and port');
  const members = jurisdictions.map((value, index) => jurisdictionOf(file, index, value));
  const office = subgraphOf(file, 'joint', joint as Record<string, unknown>);
  unique(file, members, office);
  return { jurisdictions: members, joint: office, file };
}

/** Reads and checks a membership file. */
export function readFederationMembers(file: string = federationFile()): FederationMembers {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FederationFileError(file, `cannot be read as JSON (${(error as Error).message})`);
  }
  return checkFederationMembers(parsed, file);
}

/**
 * Who takes part, read once per process. Every process of a federation (each subgraph, the
 * gateway, composition) reads the same file, so a jurisdiction joins by a line in it and its own
 * package, and no other subgraph's code changes.
 */
export const FEDERATION: FederationMembers = readFederationMembers();
