import { Kind, parse, type DocumentNode, type InputObjectTypeDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import { MUTATIONS_SDL, VALUE_TYPES_SDL } from './contractTypeDefs.ts';
import { JURISDICTIONS } from './jurisdictions.ts';
import { mutationTypeDefs } from './mutationTypeDefs.ts';
import { chineseLabel } from './descriptionLabel.ts';
import { PERIOD_END_LABELS } from './dateRange.ts';

const SHARED_INPUT_DEFINITIONS = parse(VALUE_TYPES_SDL).definitions.filter((d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION);

/** The input objects every subgraph shares (`RecordFilter`, `PeriodInput`): the lists' conditions, not a write's fields. */
const SHARED_INPUTS = new Set(SHARED_INPUT_DEFINITIONS.map((d) => d.name.value));

/** Each field of a shared input in words, as its description names it. */
const sharedInputLabels = (input: string) =>
  new Map(SHARED_INPUT_DEFINITIONS.filter((d) => d.name.value === input).flatMap((d) => (d.fields ?? []).map((field) => [field.name.value, chineseLabel(field.description?.value)] as const)));

/** Each condition of a list (`RecordFilter`) in words, as its description names it: `kinds` → 类别, `period` → 时间段. */
const CONDITION_LABELS = sharedInputLabels('RecordFilter');

/** A list's condition in words (`filter.kinds` or `kinds` → 类别); its API name when RecordFilter does not describe it. */
export function conditionLabel(field: string): string {
  const name = field.replace(/^filter\./, '');
  return CONDITION_LABELS.get(name) || name;
}

/**
 * The Chinese name of each field of the writes' inputs, by its API name, as the contract's input
 * descriptions give it (`sessions` → 场次, `heldOn` → 举办日期, `idCardNumber` → 公民身份号码): what
 * a refusal's Chinese half calls the field, so a clerk never reads an API name (`extensions.field`
 * and the English half keep it). The side a reference must be of (（本方）) is left out. A field the
 * inputs name differently is called by what the names share when that is a word (任职日期, 启动日期
 * → 日期; 所在党组织, 任职组织 → 组织), else by its most common name (名称, 姓名 → 名称).
 */
const LABELS = new Map<string, string>(labelsOf(MUTATIONS_SDL, { inputs: true }));

/**
 * The argument names of the sides' writes (`id`, `version`, `successorId` …), which their own
 * descriptions name where the writes agree (`successorId` 承继组织, `dissolvedOn` 撤销日期; `id`, a
 * different record in each write, keeps its API name). Another subgraph's arguments of the same name
 * never relabel them ({@link addFieldLabels}).
 */
const SIDE_WRITES_SDL = mutationTypeDefs(JURISDICTIONS[0]!);
const SIDE_ARGUMENTS = new Set(mutationArguments(parse(SIDE_WRITES_SDL)).map((argument) => argument.name.value));
for (const [field, label] of labelsOf(SIDE_WRITES_SDL, { mutationArguments: true, agreeing: true })) if (!LABELS.has(field)) LABELS.set(field, label);

/**
 * Arguments no description names as a field, each by the one Chinese name every refusal of it uses
 * (the English half and `extensions.field` keep the API name): a list's order, the audit log's
 * caller (as `AuditEntry.subject` calls it), a write's idempotency key (an imported row describes
 * its key in a sentence, not a name).
 */
const ARGUMENT_LABELS: Readonly<Record<string, string>> = { orderBy: '排序方式', subject: '调用者', idempotencyKey: '幂等键' };
for (const [field, label] of Object.entries(ARGUMENT_LABELS)) if (!LABELS.has(field)) LABELS.set(field, label);

interface LabelSources {
  /** The fields of the input objects (but the shared ones). */
  inputs?: boolean;
  /** The arguments of the mutation fields (an `input` argument, a whole record, aside). */
  mutationArguments?: boolean;
  /** Only names all its descriptions agree on (or share a word of): else the API name stays. */
  agreeing?: boolean;
}

/** The arguments of a document's mutation fields (`type Mutation` and its extensions). */
function mutationArguments(document: DocumentNode): InputValueDefinitionNode[] {
  return document.definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Mutation'
      ? (definition.fields ?? []).flatMap((field) => field.arguments ?? [])
      : [],
  );
}

/** Each field's one Chinese name in `sdl`, from the sources asked. */
function labelsOf(sdl: string, sources: LabelSources): Map<string, string> {
  const names = new Map<string, string[]>();
  const add = (name: string, description: string | undefined) => {
    // An argument naming a record is described by what it is (加入的党组织 ID): the clerk reads what it is.
    const label = chineseLabel(description).replace(/（(本方|任一方)）$/, '').replace(/\s*ID$/, '');
    // An argument without a description leaves its name unlabelled, however the others of that name are described.
    names.set(name, [...(names.get(name) ?? []), label]);
  };
  const document = parse(sdl);
  if (sources.inputs) {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION || SHARED_INPUTS.has(definition.name.value)) continue;
      for (const field of definition.fields ?? []) add(field.name.value, field.description?.value);
    }
  }
  // An `input` argument is a whole record (联盟, 协议 …), not a field a refusal names.
  if (sources.mutationArguments) for (const argument of mutationArguments(document)) if (argument.name.value !== 'input') add(argument.name.value, argument.description?.value);
  return new Map(
    [...names].flatMap(([field, labels]) => {
      const named = labels.filter(Boolean);
      if (named.length === 0) return [];
      const name = sources.agreeing ? agreedName(labels) : oneName(named);
      return name ? [[field, name] as const] : [];
    }),
  );
}

/**
 * Adds the Chinese names a subgraph's own schema gives its mutations' arguments and its own inputs'
 * fields (the joint office's `joinedOn` → 加入日期), for names the contract does not describe, where
 * its descriptions agree. Never a name the sides' writes take (`id`, `version`, `reason` …): the
 * federation's subgraphs may share one process (the tests), and a side's refusals must read there
 * as they do in a process of its own.
 */
export function addFieldLabels(sdl: string): void {
  for (const [field, label] of labelsOf(sdl, { inputs: true, mutationArguments: true, agreeing: true })) if (!LABELS.has(field) && !SIDE_ARGUMENTS.has(field)) LABELS.set(field, label);
}

/** The name all of `labels` agree on, or the word they share at their end (撤销日期, 结束日期 → 日期); none when one is missing or they share none. */
function agreedName(labels: readonly string[]): string | undefined {
  if (labels.some((label) => !label)) return undefined;
  const distinct = [...new Set(labels)];
  let shared = distinct[0]!;
  for (const label of distinct) while (!label.endsWith(shared)) shared = shared.slice(1);
  return [...shared].length >= 2 || distinct.length === 1 ? shared : undefined;
}

/** One name for a field named `labels` by the inputs: see {@link LABELS}. */
function oneName(labels: readonly string[]): string {
  const distinct = [...new Set(labels)];
  if (distinct.length === 1) return distinct[0]!;
  let shared = distinct[0]!;
  for (const label of distinct) while (!label.endsWith(shared)) shared = shared.slice(1);
  if ([...shared].length >= 2) return shared;
  const count = (label: string) => labels.filter((l) => l === label).length;
  return distinct.reduce((best, label) => (count(label) > count(best) ? label : best));
}

/**
 * A field's Chinese name (its last path segment's: `rows.input.heldOn` → 举办日期); a list's
 * condition by RecordFilter's name for it (`filter.regionId` → 行政区划, not a write's 所在区划);
 * the API name when neither describes it.
 */
export function fieldLabel(field: string): string {
  if (field.startsWith('filter.')) return conditionLabel(field);
  const name = field.split('.').pop()!;
  return LABELS.get(name) ?? name;
}


/**
 * What a refusal of a date calls it in Chinese, from where it was sent (`variables.i.heldOn`,
 * `rows[2].input.heldOn`, `period.from`): the field's Chinese name (举办日期), a period's end as
 * every refusal of a period names it (`PERIOD_END_LABELS`: 起始日期, 截止日期), and 日期 for a date no description names: the Chinese
 * half never shows the path, whose variable names are the client's own (`$i`).
 */
export function dateLabel(path: string | undefined): string {
  const name = lastName(path ?? '');
  // A period's end first: the joint office's own inputs (a target's `from`) may label it too, as 起始日期（含）.
  return chineseOr(name === 'from' || name === 'to' ? PERIOD_END_LABELS[name] : LABELS.get(name)?.replace(/（含）$/, ''), '日期');
}

/**
 * What a refusal of text no store can hold (a NUL character, an unpaired surrogate) calls it in
 * Chinese, from where it was sent, as {@link dateLabel} does a date: the field's Chinese name
 * (`variables.input.title` → 名称, `variables.f.search` → 名称包含), 所填的文字 for text no description
 * names; never the path.
 */
export function textLabel(path: string): string {
  const name = lastName(path);
  // A list's condition no write's input has (`search`) by RecordFilter's name for it (名称包含).
  return chineseOr(LABELS.get(name) ?? CONDITION_LABELS.get(name), '所填的文字');
}

/** A path's last field name, without a list's index: `variables.rows[2].input.heldOn` → heldOn, `…items[2]` → items. */
const lastName = (path: string): string => path.split('.').pop()!.replace(/\[\d+\]$/, '');

/** `label` when it is Chinese, else `otherwise`. */
const chineseOr = (label: string | undefined, otherwise: string): string => (label && /[\u4e00-\u9fff]/.test(label) ? label : otherwise);

/**
 * A refusal's message about a field, `中文 / English`: the Chinese half led by the field's Chinese
 * name (`场次不能为负数`, `举办日期 1800-01-01 早于…`), the English half by its API name (`sessions must …`).
 */
export function fieldMessage(field: string, zh: string, en: string): string {
  return `${fieldLead(field, zh)} / ${field} ${en}`;
}

/** A refusal's Chinese half about a field, led by the field's Chinese name (`上级党组织：党支部下…`, `加入日期 2024-01-01 不晚于…`). */
export function fieldLead(field: string, zh: string): string {
  const label = fieldLabel(field);
  // A field nothing names keeps its API name, a space apart (`id 已撤销`).
  if (label === field.split('.').pop()) return `${label} ${zh.replace(/^：/, '')}`;
  return `${label}${/^[\u4e00-\u9fff“（，：]/.test(zh) ? '' : ' '}${zh}`;
}
