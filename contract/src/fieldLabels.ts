import { Kind, parse } from 'graphql';
import { MUTATIONS_SDL } from './contractTypeDefs.ts';
import { chineseLabel } from './descriptionLabel.ts';

/**
 * The Chinese name of each field of the writes' inputs, by its API name, as the contract's input
 * descriptions give it (`sessions` → 场次, `heldOn` → 举办日期, `idCardNumber` → 公民身份号码): what
 * a refusal's Chinese half calls the field, so a clerk never reads an API name (`extensions.field`
 * and the English half keep it). The side a reference must be of (（本方）) is left out. A field the
 * inputs name differently is called by what the names share when that is a word (任职日期, 启动日期
 * → 日期; 所在党组织, 任职组织 → 组织), else by its most common name (名称, 姓名 → 名称).
 */
const LABELS = new Map<string, string>(labelsOf(MUTATIONS_SDL, false));

/** Each field's one Chinese name in `sdl`: its input objects' fields, and its fields' arguments when `withArguments`. */
function labelsOf(sdl: string, withArguments: boolean): Map<string, string> {
  const names = new Map<string, string[]>();
  const add = (name: string, description: string | undefined) => {
    // An argument naming a record is described by what it is (加入的党组织 ID): the clerk reads what it is.
    const label = chineseLabel(description).replace(/（(本方|任一方)）$/, '').replace(/\s*ID$/, '');
    if (label) names.set(name, [...(names.get(name) ?? []), label]);
  };
  for (const definition of parse(sdl).definitions) {
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) for (const field of definition.fields ?? []) add(field.name.value, field.description?.value);
    if (withArguments && (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION)) {
      // An `input` argument is a whole record (联盟, 协议 …), not a field a refusal names.
      for (const field of definition.fields ?? []) for (const argument of field.arguments ?? []) if (argument.name.value !== 'input') add(argument.name.value, argument.description?.value);
    }
  }
  return new Map([...names].map(([field, labels]) => [field, oneName(labels)]));
}

/**
 * Adds the Chinese names a subgraph's own schema gives its inputs' fields and its mutations' arguments
 * (the joint office's `joinedOn` → 加入日期), for the names the contract's inputs do not describe.
 */
export function addFieldLabels(sdl: string): void {
  for (const [field, label] of labelsOf(sdl, true)) if (!LABELS.has(field)) LABELS.set(field, label);
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

/** A field's Chinese name (its last path segment's: `rows.input.heldOn` → 举办日期); the API name when the inputs do not describe it. */
export function fieldLabel(field: string): string {
  const name = field.split('.').pop()!;
  return LABELS.get(name) ?? name;
}

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
  // A field the inputs do not describe keeps its API name, a space apart, as before (`successorId 该组织下有…`).
  if (label === field.split('.').pop() && zh.startsWith('：')) return `${label} ${zh.slice(1)}`;
  return `${label}${/^[\u4e00-\u9fff“（，：]/.test(zh) ? '' : ' '}${zh}`;
}
