/**
 * Returns focus to the control that opened a dialog. The page redraws its figures and its alliance
 * list on every refresh (each minute, or when the tab is shown again), so while a dialog is open its
 * opener may have been replaced: focus then goes to the replacement, which `find` looks up in the
 * page as it is now, so that a person on the keyboard is where they left off rather than at the top.
 */
export function returnFocus(opener: HTMLElement | null | undefined, find: () => HTMLElement | null | undefined): void {
  (opener?.isConnected ? opener : find())?.focus();
}
