import { chineseLabel } from '@linju/contract';
import { LEDGER_KINDS } from '../kinds/index.ts';
import { columnsOf, type ExportColumn } from './exportColumns.ts';
import { fieldOf, labelOfField, namedType, typeDefinition } from './schemaTypes.ts';

/**
 * A paged list of the API an export reads: every connection with a `filter: RecordFilter`, of
 * each side (`Jurisdiction.activities` …, read through the side's own root field) or of the joint
 * office (`Query.alliances`, `Query.agreements`). Read from the schema, so a list added to the
 * contract is exportable without a change here.
 */
export interface RecordList {
  /** The API's field name, e.g. `activities`. */
  name: string;
  /** In Chinese, from the field's description, e.g. 活动. */
  label: string;
  /** `side`: one list per jurisdiction; `joint`: the joint office's. */
  scope: 'side' | 'joint';
  /** The type of its records (`Activity`). */
  node: string;
  columns: ExportColumn[];
  /** Arguments of fields in the selection. */
  args: Readonly<Record<string, string>>;
  /** A list field of the record written one row per item (an alliance's members), the record's columns repeated. */
  expand?: string;
}

/** The jurisdiction's name, first column of a side's list (its path is set on each record; the record's own `jurisdiction` column is then left out). */
export const SIDE_PATH = '$side';
export const sideColumn = (): ExportColumn => ({ header: labelOfField('Query', 'jurisdictions'), path: [SIDE_PATH], cell: 'text' });

/** Joint lists whose records carry a list written one row per item: alliances with their members, past members included. */
const EXPANSIONS: Readonly<Record<string, { field: string; args: string }>> = { Alliance: { field: 'members', args: '(includePast: true)' } };

function connectionNode(connectionType: string): string | undefined {
  const edges = typeDefinition(connectionType).fields?.find((f) => f.name.value === 'edges');
  const edgeType = edges && namedType(edges.type).name;
  const node = edgeType && typeDefinition(edgeType).fields?.find((f) => f.name.value === 'node');
  return node && namedType(node.type).name;
}

function listsOf(parent: string, scope: RecordList['scope']): RecordList[] {
  return (typeDefinition(parent).fields ?? [])
    .filter((f) => namedType(f.type).name.endsWith('Connection') && f.arguments?.some((a) => a.name.value === 'filter'))
    .map((field) => {
      const nodeType = connectionNode(namedType(field.type).name)!;
      const expansion = EXPANSIONS[nodeType];
      const itemType = expansion && namedType(fieldOf(nodeType, expansion.field).type).name;
            return {
        name: field.name.value,
        label: chineseLabel(field.description?.value),
        scope,
        node: nodeType,
        columns: [...(scope === 'side' ? [sideColumn()] : []), ...columnsOf(nodeType, { ledger: Object.values(LEDGER_KINDS).find((k) => scope === 'side' && k.list === field.name.value) }).filter((c) => scope === 'joint' || c.path[0] !== 'jurisdiction'), ...(itemType ? columnsOf(itemType, { prefix: [expansion.field] }) : [])],
        args: expansion ? { [expansion.field]: expansion.args } : {},
        expand: expansion?.field,
      };
    });
}

let lists: ReadonlyMap<string, RecordList> | undefined;

/** Every exportable record list by name: the joint office's first, then each side's. */
export function recordLists(): ReadonlyMap<string, RecordList> {
  lists ??= new Map([...listsOf('Query', 'joint'), ...listsOf('Jurisdiction', 'side')].map((l) => [l.name, l]));
  return lists;
}
