import '../record/recordActivity.css';
import { BRIEFING_DEFAULTS, checkIssue, checkOffice, MASTHEAD_LABELS, MASTHEAD_LIMITS, type MastheadCheck, type MastheadField } from '@linju/contract/briefingMasthead';
import { formField, type FormField } from '../record/formField.ts';
import { h } from '../view/h.ts';

/** Where the tab keeps what was typed (not personal data: the office's own masthead), for the next briefing of the session. */
const KEPT = 'linju.briefingMasthead';

/** The 简报 panel's 期数 and 印发单位: optional, blank for the default, read as the documents server reads them. */
export interface BriefingFields {
  readonly element: HTMLElement;
  /**
   * The query's `issue` and `office` (a blank field left out: the default), or why not: the first
   * wrong field is marked and focused, and its reason returned, in Chinese, for the page to say.
   */
  read(): { issue?: string; office?: string } | string;
}

/**
 * 期数 and 印发单位 beside 生成简报, each with its default as placeholder and its bound under it,
 * checked with the documents server's own rule (`checkMasthead`'s `checkIssue`, `checkOffice`), so a
 * bad one is said beside its field before anything is asked. What was typed stays for the tab's session.
 */
export function briefingFields(storage: Storage | null = sessionStorage): BriefingFields {
  const kept = readKept(storage);
  const input = (field: MastheadField, attributes: Record<string, string>) =>
    h('input', { type: 'text', name: field, autocomplete: 'off', value: kept[field] ?? '', ...attributes });
  const fields: Record<MastheadField, { field: FormField<HTMLInputElement>; check: (typed: string) => MastheadCheck<unknown> }> = {
    issue: { field: formField(MASTHEAD_LABELS.issue, input('issue', { inputmode: 'numeric', placeholder: String(BRIEFING_DEFAULTS.issue) }), { optional: true }), check: checkIssue },
    office: { field: formField(MASTHEAD_LABELS.office, input('office', { placeholder: BRIEFING_DEFAULTS.office }), { optional: true }), check: checkOffice },
  };
  fields.issue.field.note(`留空为第${BRIEFING_DEFAULTS.issue}期`);
  fields.office.field.note(`留空为${BRIEFING_DEFAULTS.office}；至多 ${MASTHEAD_LIMITS.office} 字`);
  const entries = Object.entries(fields) as [MastheadField, (typeof fields)[MastheadField]][];
  for (const [, { field }] of entries) {
    field.control.addEventListener('input', () => {
      field.problem(null);
      keep(storage, { issue: fields.issue.field.control.value, office: fields.office.field.control.value });
    });
  }
  return {
    element: h('div', { class: 'briefing-fields' }, fields.issue.field.element, fields.office.field.element),
    read() {
      const query: { issue?: string; office?: string } = {};
      for (const [name, { field, check }] of entries) {
        const typed = field.control.value;
        if (!typed.trim()) {
          field.problem(null);
          continue;
        }
        const checked = check(typed);
        if (!checked.ok) {
          field.problem(checked.message);
          field.control.focus();
          return `${checked.message}。`;
        }
        field.problem(null);
        query[name] = typed;
      }
      return query;
    },
  };
}

function readKept(storage: Storage | null): Partial<Record<MastheadField, string>> {
  try {
    const kept = JSON.parse(storage?.getItem(KEPT) ?? '{}') as Record<string, unknown>;
    return Object.fromEntries((['issue', 'office'] as const).filter((name) => typeof kept[name] === 'string').map((name) => [name, kept[name] as string]));
  } catch {
    return {};
  }
}

function keep(storage: Storage | null, typed: Record<MastheadField, string>): void {
  try {
    storage?.setItem(KEPT, JSON.stringify(typed));
  } catch {
    // Storage full or refused (a private window): the fields still work, only not kept.
  }
}
