import { chineseLabel, JOINT_HOME, JURISDICTIONS } from '@linju/contract';
import type { LedgerKind } from '../kinds/index.ts';
import { namedType, typeDefinition } from './schemaTypes.ts';

/** How a cell is written: text, a date (a date cell in a workbook), a number, or 是/否. */
export type CellKind = 'text' | 'date' | 'number' | 'boolean';

/** One column of an export: its header, where its value lies in a record, how it is written. */
export interface ExportColumn {
  header: string;
  /** Fields from the record down to the value, e.g. ['organizer', 'name']; a list on the way is joined with 、. */
  path: readonly string[];
  cell: CellKind;
  /**
   * A global ID's column: never wrapped, and at least this wide in characters (a record written
   * through the API has a longer ID than the page the widths are measured on may show). Other
   * columns are as wide as their values.
   */
  idWidth?: number;
}

const SCALAR_CELLS: Readonly<Record<string, CellKind>> = { ID: 'text', String: 'text', Int: 'number', Float: 'number', Boolean: 'boolean', Date: 'date' };

/** A record's key as the writes make it: a UUID (a seeded record's key is shorter). */
const WRITTEN_KEY_LENGTH = 36;
const LONGEST_HOME = Math.max(...[JOINT_HOME, ...JURISDICTIONS].map((home) => home.key.length));

/** Wide enough for any global ID of a type (`chongqing:Activity:<UUID>`), so none is cut in print. */
const idWidth = (typeName: string) => `${'h'.repeat(LONGEST_HOME)}:${typeName}:`.length + WRITTEN_KEY_LENGTH + 1;

/**
 * Fields that are not the record's content for a reader of the sheet: the store's bookkeeping
 * (`version`), and a region's `levelCode` (town, village: the stored code of what 层级 says in Chinese).
 */
const BOOKKEEPING = new Set(['version', 'levelCode']);

/**
 * Lists of named records a column joins (`签署方`: the signatories' names, 、-separated); other
 * list fields (children, posts, actions …) are lists of their own and stay out.
 */
const JOINED_LISTS: Readonly<Record<string, readonly string[]>> = { Agreement: ['signatories'] };

/** Whether records of a type are named by a `name` field (organizations, regions, people, alliances …). */
const isNamed = (type: string): boolean => typeDefinition(type).fields?.some((f) => f.name.value === 'name') ?? false;

/**
 * The ledger's header for a field, when the list's ledger kind has a column for it (the export of
 * activities reads like the activities ledger): `heldOn` → 举办日期, `organizer` → 主办组织
 * (its `organizerId` column takes a name).
 */
function ledgerHeader(kind: LedgerKind | undefined, field: string): string | undefined {
  return kind?.columns.find((c) => c.field === field || (c.type === 'reference' && c.field === `${field}Id`))?.header;
}

/**
 * The columns of a record type, in the order the schema declares its fields: every scalar field
 * (a reference to another record as that record's name), headed by its Chinese description or the
 * ledger's header for the same field. Fields with arguments, lists and bare references are left out.
 */
export function columnsOf(typeName: string, options: { ledger?: LedgerKind; prefix?: readonly string[] } = {}): ExportColumn[] {
  const columns: ExportColumn[] = [];
  for (const field of typeDefinition(typeName).fields ?? []) {
    const name = field.name.value;
    if (BOOKKEEPING.has(name) || field.arguments?.length) continue;
    const type = namedType(field.type);
    const header = ledgerHeader(options.ledger, name) || chineseLabel(field.description?.value);
    const path = [...(options.prefix ?? []), name];
    const scalar = SCALAR_CELLS[type.name];
    if (scalar && !type.list) columns.push({ header, path, cell: scalar, ...(name === 'id' && { idWidth: idWidth(typeName) }) });
    else if (!scalar && isNamed(type.name) && (!type.list || JOINED_LISTS[typeName]?.includes(name))) {
      columns.push({ header, path: [...path, 'name'], cell: 'text' });
    }
  }
  return columns;
}

/** The GraphQL selection that fetches exactly these columns' values (`organizer { name }` …), with arguments for some fields (`members: '(includePast: true)'`). */
export function selectionOf(columns: readonly ExportColumn[], args: Readonly<Record<string, string>> = {}): string {
  type Tree = Map<string, Tree>;
  const tree: Tree = new Map();
  for (const { path } of columns) {
    let node = tree;
    for (const field of path) node = node.get(field) ?? node.set(field, new Map()).get(field)!;
  }
  const print = (node: Tree): string => [...node].map(([field, below]) => `${field}${args[field] ?? ''}${below.size ? ` { ${print(below)} }` : ''}`).join(' ');
  return print(tree);
}
