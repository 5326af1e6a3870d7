/* global React, ReactDOM, GraphiQL */
// Mounts GraphiQL (UMD globals loaded by index.html) with the gateway's example operations.
(async function mountExplorer() {
  const endpoint = new URL('graphql', window.location.href).href;
  let tabs = [];
  try {
    const response = await fetch('examples.json');
    if (response.ok) tabs = await response.json();
  } catch {
    // The explorer is still useful without its examples.
  }
  const props = {
    fetcher: GraphiQL.createFetcher({ url: endpoint }),
    defaultTabs: tabs,
    defaultEditorToolsVisibility: true,
  };
  // GraphiQL 3 fills its editors at start-up from the first default tab's query but never from
  // its variables, and later from separately saved "query" and "variables" entries that it
  // does not save until the user types. Either way the example opened first ran without its
  // variables ("Variable "$id" … was not provided") and a reload added a copy of the tab with
  // empty variables. Handing GraphiQL the query and variables of the tab it is about to open —
  // the saved active tab, else the first example — fills both editors and selects that tab.
  const opening = savedActiveTab() ?? tabs[0];
  if (opening !== undefined) {
    props.query = opening.query ?? '';
    props.variables = opening.variables ?? '';
  }
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, props));
})();

/** The active tab of the tabs GraphiQL saved in localStorage on an earlier visit, if any. */
function savedActiveTab() {
  try {
    const saved = JSON.parse(window.localStorage.getItem('graphiql:tabState') ?? 'null');
    const tab = saved?.tabs?.[saved.activeTabIndex];
    const text = (value) => value === null || value === undefined || typeof value === 'string';
    return tab && typeof tab === 'object' && text(tab.query) && text(tab.variables) ? tab : undefined;
  } catch {
    return undefined; // Storage blocked or unreadable: GraphiQL starts from the examples.
  }
}
