import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openingTab, TAB_STATE_KEY, type ExampleTab } from './openingTab.ts';

/** The gateway's example operations (`gateway/examples/`); the explorer is still useful without them. */
async function loadExamples(): Promise<ExampleTab[]> {
  try {
    const response = await fetch('examples.json');
    return response.ok ? ((await response.json()) as ExampleTab[]) : [];
  } catch {
    return [];
  }
}

function readSavedTabs(): string | null {
  try {
    return window.localStorage.getItem(TAB_STATE_KEY);
  } catch {
    return null; // Storage blocked: GraphiQL starts from the examples.
  }
}

const examples = await loadExamples();
const opening = openingTab(examples, readSavedTabs());
// Relative to the page, so a proxy that mounts the gateway under a path needs nothing more.
const fetcher = createGraphiQLFetcher({ url: new URL('graphql', window.location.href).href });

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={examples.map(({ query, variables }) => ({ query, variables: variables ?? null }))}
      {...(opening && { initialQuery: opening.query, initialVariables: opening.variables })}
      defaultEditorToolsVisibility
    />
  </StrictMode>,
);
