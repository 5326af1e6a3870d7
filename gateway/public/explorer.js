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
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: endpoint }),
      defaultTabs: tabs,
      defaultEditorToolsVisibility: true,
    }),
  );
})();
