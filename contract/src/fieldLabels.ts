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
const LABELS: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string[]>();
  for (const definition of parse(MUTATIONS_SDL).definitions) {
    if (definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const label = chineseLabel(field.description?.value).replace(/（(本方|任一方)）$/, '');
      if (label) names.set(field.name.value, [...(names.get(field.name.value) ?? []), label]);
    }
  }
  return new Map([...names].map(([field, labels]) => [field, oneName(labels)]));
})();

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
  const label = fieldLabel(field);
  return `${label}${/^[\u4e00-\u9fff“（，：]/.test(zh) ? '' : ' '}${zh} / ${field} ${en}`;
}
