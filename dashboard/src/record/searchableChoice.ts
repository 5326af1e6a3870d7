import { h } from '../view/h.ts';
import { formField, type FormField } from './formField.ts';

/** One choice of a list. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** What a search found: the choices to offer and a line saying how many (e.g. 共 120 个，仅列出前 100 个). */
export interface Found {
  readonly choices: readonly Choice[];
  readonly note: string;
}

/** A long list to choose from, with a search box above it that asks the gateway again as the person types. */
export interface SearchableChoice extends FormField<HTMLSelectElement> {
  readonly search: HTMLInputElement;
  /** Asks again with the search box's text; resolves once the list shows the answer. */
  reload(): Promise<void>;
}

/** How long typing must pause before the list is asked for again. */
const TYPING_PAUSE_MS = 300;

/**
 * @param name the list's name (the input field it fills, e.g. `organizerId`)
 * @param label the field's label, e.g. 主办组织
 * @param empty the first choice (value ''), e.g. 请选择主办组织
 * @param find the choices whose name contains the text ('' for all); it says failures as its note
 */
export function searchableChoice(name: string, label: string, empty: string, find: (search: string) => Promise<Found>, options: { optional?: boolean } = {}): SearchableChoice {
  const search = h('input', { type: 'search', class: 'record-search', placeholder: '输入名称筛选', autocomplete: 'off', enterkeyhint: 'search' });
  const select = h('select', { name });
  const field = formField(label, select, { ...options, extras: [search] });
  search.setAttribute('aria-label', `按名称筛选${label}`);
  search.setAttribute('aria-controls', select.id);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function reload(): Promise<void> {
    clearTimeout(timer);
    const run = ++asked;
    select.setAttribute('aria-busy', 'true');
    field.note('正在读取…');
    const found = await find(search.value.trim());
    if (run !== asked) return;
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '' }, empty), ...found.choices.map((c) => h('option', { value: c.value }, c.label)));
    // A choice still listed stays chosen; one the search filtered out is let go.
    select.value = found.choices.some((c) => c.value === chosen) ? chosen : '';
    select.removeAttribute('aria-busy');
    field.note(found.note);
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), TYPING_PAUSE_MS);
  });
  // Enter in the search box asks at once rather than submitting the form.
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void reload();
  });
  return { ...field, search, reload };
}
