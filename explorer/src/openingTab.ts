/** One of the gateway's example operations, as `examples.json` lists them. */
export interface ExampleTab {
  readonly query: string;
  /** JSON text of the variables, if the example has any. */
  readonly variables?: string;
  /** The least role that runs it (`anonymous`: no sign-in); the gateway lists anonymous ones first. */
  readonly role?: string;
}

/** The contents GraphiQL opens with: its query and variables editors. */
export interface OpeningTab {
  readonly query: string;
  readonly variables: string;
}

/** Where GraphiQL keeps its tabs (its storage namespace, then its key). */
export const TAB_STATE_KEY = 'graphiql:tabState';

const isText = (value: unknown): value is string | null | undefined => value === null || value === undefined || typeof value === 'string';

/** The active tab of the tabs GraphiQL saved on an earlier visit, if any and well formed. */
export function savedActiveTab(saved: string | null): OpeningTab | undefined {
  try {
    const state = JSON.parse(saved ?? 'null') as { tabs?: unknown[]; activeTabIndex?: unknown } | null;
    if (!state || !Array.isArray(state.tabs) || typeof state.activeTabIndex !== 'number') return undefined;
    const tab = state.tabs[state.activeTabIndex] as { query?: unknown; variables?: unknown } | undefined;
    if (!tab || typeof tab !== 'object' || !isText(tab.query) || !isText(tab.variables)) return undefined;
    return { query: tab.query ?? '', variables: tab.variables ?? '' };
  } catch {
    return undefined; // Unreadable: GraphiQL starts from the examples.
  }
}

/**
 * What to hand GraphiQL as `initialQuery` and `initialVariables`: the tab it is about to open.
 *
 * GraphiQL (3 to 5.4) fills its editors at start-up from the first default tab's query but never
 * from its variables, and later from separately saved "query" and "variables" entries that it
 * does not save until the user types. Either way the example opened first ran without its
 * variables ("Variable "$id" … was not provided"), and a reload added a copy of the tab with
 * empty variables. Given the query and variables of the saved active tab, else of the first
 * example, GraphiQL fills both editors and selects the matching tab instead of adding one.
 */
export function openingTab(examples: readonly ExampleTab[], saved: string | null): OpeningTab | undefined {
  const first = examples[0];
  return savedActiveTab(saved) ?? (first && { query: first.query, variables: first.variables ?? '' });
}
