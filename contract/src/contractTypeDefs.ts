import { readFileSync } from 'node:fs';
import { Kind, parse, print, type DefinitionNode, type FieldDefinitionNode, type InterfaceTypeDefinitionNode, type InterfaceTypeExtensionNode } from 'graphql';
import type { JurisdictionInfo } from './jurisdictions.ts';
import { chineseLabel } from './descriptionLabel.ts';
import { figuresSdl } from './figures/figureSdl.ts';
import { mutationTypeDefs } from './mutationTypeDefs.ts';

const here = new URL('.', import.meta.url);

/** Federation 2 header every Linju subgraph starts with. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires"])';

/** Value types every subgraph shares (dates, periods, pages, and the figures of the catalogue): defined once, here. */
export const VALUE_TYPES_SDL = `${readFileSync(new URL('values.graphql', here), 'utf8').trimEnd()}\n\n${figuresSdl()}\n`;

/** The interfaces every jurisdiction implements. */
export const JURISDICTION_CONTRACT_SDL = readFileSync(new URL('jurisdiction.graphql', here), 'utf8');

/** The inputs of the writes every jurisdiction accepts. */
export const MUTATIONS_SDL = readFileSync(new URL('mutations.graphql', here), 'utf8');

const AUDIT_DOCUMENT = parse(readFileSync(new URL('audit.graphql', here), 'utf8'));

/** The fields that read a jurisdiction's audit log, added to the contract's `Jurisdiction`. */
const AUDIT_FIELDS = AUDIT_DOCUMENT.definitions.filter((d): d is InterfaceTypeExtensionNode => d.kind === Kind.INTERFACE_TYPE_EXTENSION);

/** The audit log's types, which every subgraph serves for its own log (the joint office's too). */
export const AUDIT_SDL = print({ ...AUDIT_DOCUMENT, definitions: AUDIT_DOCUMENT.definitions.filter((d) => d.kind !== Kind.INTERFACE_TYPE_EXTENSION) });

const REFERENCES_DOCUMENT = parse(readFileSync(new URL('references.graphql', here), 'utf8'));

/** `RecordReference` with all its fields, as the contract declarations declare it. */
const RECORD_REFERENCE = REFERENCES_DOCUMENT.definitions.find((d): d is InterfaceTypeDefinitionNode => d.kind === Kind.INTERFACE_TYPE_DEFINITION)!;

/**
 * An interface whose implementations in a store include stubs of other stores' records, as that
 * store declares it: by its key alone (`id`), so that no stub carries a field `@external`. The interface's
 * other fields are declared by the contract declarations ({@link contractDeclarationsTypeDefs}),
 * which hold no stub; composition merges the two. Stubs with `@external` fields compose, but some
 * query planners (Hive Gateway's) refuse an interface field that is `@external` on an implementation.
 */
function declaredById(node: InterfaceTypeDefinitionNode, key = 'id'): InterfaceTypeDefinitionNode {
  return { ...node, fields: (node.fields ?? []).filter((f) => f.name.value === key) };
}

/**
 * Cross-border references and the interface each home resolves them through, as every store serves
 * them: each holds stubs of other homes' references, so `RecordReference` is declared by its `id`.
 */
export const REFERENCES_SDL = print({ ...REFERENCES_DOCUMENT, definitions: REFERENCES_DOCUMENT.definitions.map((d) => (d === RECORD_REFERENCE ? declaredById(RECORD_REFERENCE) : d)) });

/** A home's answer to "does this record still exist?", or a stub of another home's (its `id` only). */
export function recordReferenceType(home: { typePrefix: string; name: string; nameEn: string }, resolvable: boolean): string {
  const exists = resolvable ? '\n  """该记录在其所属库中是否仍存在 / Whether the record still exists in its home store"""\n  exists: Boolean!' : '';
  return `"""${home.name}的被引用记录 / A record of ${home.nameEn} referred to from another store"""
type ${home.typePrefix}RecordReference implements RecordReference @key(fields: "id"${resolvable ? '' : ', resolvable: false'}) {
  """被引用记录的全局 ID / Global ID of the referenced record"""
  id: ID!${exists}
}`;
}

/** The joint office as a home of records others refer to (alliances); `key` is its IDs' home. */
export const JOINT_HOME = { key: 'joint', typePrefix: 'Joint', name: '遂潼联合办公室', nameEn: 'the joint office' };

/** Interfaces whose records may be referenced from the other side (post holders, far ends of links). */
const REFERENCED_ACROSS = ['Person', 'Region'];

/** The contract's interfaces, with the audit log's fields added to `Jurisdiction`. */
function contractInterfaces(): InterfaceTypeDefinitionNode[] {
  return parse(JURISDICTION_CONTRACT_SDL)
    .definitions.filter((d): d is InterfaceTypeDefinitionNode => d.kind === Kind.INTERFACE_TYPE_DEFINITION)
    .map((node) => {
      const added = AUDIT_FIELDS.filter((e) => e.name.value === node.name.value).flatMap((e) => e.fields ?? []);
      return added.length ? { ...node, fields: [...(node.fields ?? []), ...added] } : node;
    });
}

/** The contract as a jurisdiction serves it: the interfaces whose stubs it holds declared by `id` alone. */
function servedContract(): string {
  const document = parse(JURISDICTION_CONTRACT_SDL);
  const served = (d: DefinitionNode) => (d.kind === Kind.INTERFACE_TYPE_DEFINITION && REFERENCED_ACROSS.includes(d.name.value) ? declaredById(d) : d);
  return print({ ...document, definitions: document.definitions.map(served) });
}

/** A record type's Chinese name, as its interface's description gives it (`Activity` → 活动, `Pairing` → 包联). */
export function recordTypeLabel(type: string): string {
  const node = contractInterfaces().find((i) => i.name.value === type);
  return node ? chineseLabel(node.description?.value) : type;
}

/**
 * A record field's Chinese name, as its interface's description gives it (`Region.code` → 区划代码):
 * what an export heads the field's column with (ledger/src/export/exportColumns.ts) and a file read
 * back in that shape names it by (the region loader).
 */
export function recordFieldLabel(type: string, field: string): string {
  const node = contractInterfaces().find((i) => i.name.value === type)?.fields?.find((f) => f.name.value === field);
  if (!node) throw new Error(`${type}.${field} is no field of the contract`);
  return chineseLabel(node.description?.value);
}

/** Names of the record interfaces of the contract (all but Jurisdiction). */
export function recordInterfaceNames(): string[] {
  return contractInterfaces()
    .map((i) => i.name.value)
    .filter((n) => n !== 'Jurisdiction');
}

function describe(node: InterfaceTypeDefinitionNode, side: JurisdictionInfo): string {
  const text = node.description?.value ?? node.name.value;
  return `"""${text}（${side.name}）/ ${side.nameEn}"""`;
}

/** Fields of an interface as a type declares them; those named in `shareable` marked so. */
function fields(node: InterfaceTypeDefinitionNode, shareable: readonly string[] = []): string {
  return (node.fields ?? []).map((f: FieldDefinitionNode) => `  ${print(f)}${shareable.includes(f.name.value) ? ' @shareable' : ''}`).join('\n');
}

/**
 * A jurisdiction's fields that are contract data (the same in every subgraph, from `JURISDICTIONS`):
 * any subgraph that returns a jurisdiction answers them itself (`@shareable`), so a query that asks
 * an alliance member's jurisdiction for its name sends no request to that jurisdiction's subgraph.
 */
export const SHARED_JURISDICTION_FIELDS = ['key', 'name'] as const;

/**
 * The contract's `Jurisdiction` reduced to its key and the fields of `SHARED_JURISDICTION_FIELDS`,
 * as a store that only refers to jurisdictions declares it: the interface's fields, or (with
 * `shareable`) an implementing type's, the shared ones marked `@shareable`.
 */
export function jurisdictionIdentityFields(shareable: boolean): string {
  const jurisdiction = contractInterfaces().find((i) => i.name.value === 'Jurisdiction')!;
  const kept = new Set<string>(['code', ...SHARED_JURISDICTION_FIELDS]);
  return fields({ ...jurisdiction, fields: jurisdiction.fields?.filter((f) => kept.has(f.name.value)) }, shareable ? SHARED_JURISDICTION_FIELDS : []);
}

/**
 * The concrete types a jurisdiction's subgraph serves, generated from the contract so that both
 * sides implement exactly the same interfaces: one entity type per interface, named with the
 * side's prefix, plus the connection types, stubs for the records of other sides that this side
 * can reference, and this side's share of the joint overview.
 */
export function jurisdictionTypeDefs(side: JurisdictionInfo, others: readonly JurisdictionInfo[]): string {
  const interfaces = contractInterfaces();
  const audit = AUDIT_FIELDS.map((node) => print(node));
  const out: string[] = [FEDERATION_LINK, VALUE_TYPES_SDL, servedContract(), ...audit, AUDIT_SDL, MUTATIONS_SDL, REFERENCES_SDL, mutationTypeDefs(side)];
  out.push(recordReferenceType(side, true), recordReferenceType(JOINT_HOME, false), ...others.map((o) => recordReferenceType(o, false)));
  for (const node of interfaces) {
    const name = node.name.value;
    const key = name === 'Jurisdiction' ? 'code' : 'id';
    const shareable = name === 'Jurisdiction' ? SHARED_JURISDICTION_FIELDS : [];
    out.push(`${describe(node, side)}\ntype ${side.typePrefix}${name} implements ${name} @key(fields: "${key}") {\n${fields(node, shareable)}\n}`);
    if (name === 'Jurisdiction') continue;
    out.push(
      `"""${name} 列表 / A page of ${name} records"""\ntype ${name}Connection @shareable {\n  """本页各项 / Items of this page"""\n  edges: [${name}Edge!]!\n  """分页信息 / Page information"""\n  pageInfo: PageInfo!\n  """符合条件的总数 / Number of items matching the filter"""\n  totalCount: Int!\n}`,
      `"""${name} 列表项 / An item of a page"""\ntype ${name}Edge @shareable {\n  """游标 / Cursor"""\n  cursor: String!\n  """记录 / Record"""\n  node: ${name}!\n}`,
    );
  }
  for (const other of others) {
    for (const node of interfaces.filter((i) => REFERENCED_ACROSS.includes(i.name.value))) {
      out.push(
        `${describe(node, other)}\ntype ${other.typePrefix}${node.name.value} implements ${node.name.value} @key(fields: "id", resolvable: false) {\n${fields(declaredById(node))}\n}`,
      );
    }
  }
  out.push(
    `"""联盟（由联合办公室解析）/ Alliance, resolved by the joint office's subgraph"""\ntype Alliance @key(fields: "id", resolvable: false) {\n  """全局 ID / Global ID"""\n  id: ID!\n}`,
    `"""联合总览 / Joint overview for a period"""\ntype JointOverview @key(fields: "id") {\n  """总览 ID（时间段与联盟）/ Overview ID (period and alliance)"""\n  id: ID!\n  """${side.name}部分 / ${side.nameEn}'s part"""\n  ${side.key}: JurisdictionFigures\n}`,
  );
  return out.join('\n\n');
}

/**
 * Name of the contract declarations in the supergraph (`join__Graph`): a member of the composition
 * that no process serves and no query plan calls (it has no root field and no entity).
 */
export const CONTRACT_DECLARATIONS = 'contract';

/**
 * The SDL of the contract declarations: in full, the interfaces that the stores declare by `id`
 * alone because they hold stubs of them (`Person`, `Region`, `RecordReference`), with only the key
 * of each other interface they name (`Jurisdiction`, `Organization`, `Post` for `Person.posts`) and the scalar. Composed with the members' SDL it gives the same
 * API schema and the same query plans as full interfaces in every store, and no implementation of an
 * interface anywhere has a field `@external`, so any federation engine plans it (see
 * docs/maintaining-a-subgraph.md).
 */
export function contractDeclarationsTypeDefs(): string {
  const interfaces = contractInterfaces();
  const named = (name: string) => interfaces.find((node) => node.name.value === name)!;
  const date = parse(VALUE_TYPES_SDL).definitions.find((d) => d.kind === Kind.SCALAR_TYPE_DEFINITION && d.name.value === 'Date')!;
  return [FEDERATION_LINK, print(date), print(declaredById(named('Jurisdiction'), 'code')), print(declaredById(named('Organization'))), print(declaredById(named('Post'))), ...REFERENCED_ACROSS.map((name) => print(named(name))), print(RECORD_REFERENCE)].join('\n\n');
}
