import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { signedInFetch, SignInSession, type KnownSide } from '@linju/sign-in';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AccountBar } from './AccountBar.tsx';
import { openingTab, TAB_STATE_KEY, type ExampleTab } from './openingTab.ts';

// Relative to the page, so a proxy that mounts the gateway under a path needs nothing more.
const endpoint = new URL('graphql', window.location.href).href;

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

/** The jurisdictions by name and code (public), to name a signed-in operator's side and region; without them, keys and codes stand in. */
async function loadSides(): Promise<KnownSide[]> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ExplorerJurisdictions { jurisdictions { key code name } }' }),
    });
    const answer = (await response.json()) as { data?: { jurisdictions?: (KnownSide | null)[] } };
    return (answer.data?.jurisdictions ?? []).filter((side): side is KnownSide => side !== null);
  } catch {
    return [];
  }
}

// Sign-in through the identity provider the gateway names, finished here when the page is its
// answer; without one the Headers editor takes a pasted token, as before.
const session = await SignInSession.start('explorer', new URL('auth/config.json', window.location.href));
const [examples, sides] = await Promise.all([loadExamples(), session.state.kind === 'unavailable' ? [] : loadSides()]);
const opening = openingTab(examples, readSavedTabs());
// Every request carries the signed-in person's token, unless the Headers editor names its own.
const fetcher = createGraphiQLFetcher({ url: endpoint, fetch: signedInFetch(session) });

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <AccountBar session={session} sides={sides} />
    <div className="graphiql-frame">
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={examples.map(({ query, variables }) => ({ query, variables: variables ?? null }))}
        {...(opening && { initialQuery: opening.query, initialVariables: opening.variables })}
        defaultEditorToolsVisibility
      />
    </div>
  </StrictMode>,
);
