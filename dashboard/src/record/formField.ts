import { h } from '../view/h.ts';

let fields = 0;

/** A labelled control with a message under it: what the form shows, and how it says a field is wrong. */
export interface FormField<C extends HTMLElement> {
  readonly element: HTMLElement;
  readonly control: C;
  /** Shows `message` under the control and marks it invalid (for screen readers too); null clears both. */
  problem(message: string | null): void;
  /** Shows a hint under the control (e.g. how many choices are listed), read out when it changes. */
  note(text: string): void;
}

/**
 * Wraps a control with its label, an optional note and a problem line, tied together by IDs
 * (`for`, `aria-describedby`), so a screen reader reads the label, the note and the problem with it.
 *
 * @param extras elements placed between the label and the control (a search box for a long list)
 */
export function formField<C extends HTMLInputElement | HTMLSelectElement>(label: string, control: C, options: { optional?: boolean; extras?: HTMLElement[] } = {}): FormField<C> {
  const id = `record-field-${++fields}`;
  control.id = id;
  const noteLine = h('p', { class: 'note', id: `${id}-note`, 'aria-live': 'polite' });
  const problemLine = h('p', { class: 'field-problem', id: `${id}-problem`, hidden: true });
  control.setAttribute('aria-describedby', `${id}-note ${id}-problem`);
  if (!options.optional) control.setAttribute('aria-required', 'true');
  const element = h('div', { class: 'record-field' },
    h('label', { for: id }, label, options.optional ? h('span', { class: 'optional' }, '（可选）') : null),
    ...(options.extras ?? []),
    control,
    noteLine,
    problemLine,
  );
  return {
    element,
    control,
    problem(message) {
      problemLine.textContent = message ?? '';
      problemLine.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
    note(text) {
      noteLine.textContent = text;
    },
  };
}
