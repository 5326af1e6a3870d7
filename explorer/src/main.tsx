import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { findOperatorRegion } from '@linju/dashboard/findOperatorRegion';
import { OperatorRegions } from '@linju/dashboard/operatorRegions';
import { sendOperation } from '@linju/dashboard/sendOperation';
import { signedInFetch, SignInSession, type KnownSide } from '@linju/sign-in';
import { GraphiQL } from 'graphiql';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AccountBar } from './AccountBar.tsx';
import { bearerToken, editorAuthorization } from './editorAuthorization.ts';
import { explorerStorage, forgetExplorerState } from './explorerStorage.ts';
import { openingTab, TAB_STATE_KEY, type ExampleTab } from './openingTab.ts';
import { TypedTokenChecks } from './typedTokenChecks.ts';
import jurisdictionsOperation from '../operations/ExplorerJurisdictions.graphql';
import tokenCheckOperation from '../operations/ExplorerTokenCheck.graphql';

// Relative to the page, so a proxy that mounts the gateway under a path needs nothing more.
const endpoint = new URL('graphql', window.location.href).href;

/**
 * The explorer's own requests, registered (`explorer/operations/`, in the manifest) so that a gateway
 * answering registered operations only answers them too; sent as their exact registered text.
 */
const registeredBody = (operation: { name: string; document: string }): string => JSON.stringify({ query: operation.document, operationName: operation.name });

/** The gateway's example operations (`gateway/examples/`); the explorer is still useful without them. */
async function loadExamples(): Promise<ExampleTab[]> {
  try {
    const response = await fetch('examples.json');
    return response.ok ? ((await response.json()) as ExampleTab[]) : [];
  } catch {
    return [];
  }
}

/** The storage of this device, or null where it may not be used (a private window). */
function deviceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * What GraphiQL keeps, in the tab's sessionStorage (gone when the tab closes) and without request
 * headers; null where sessionStorage may not be used (GraphiQL then keeps nothing).
 */
function tabStorage(): Storage | null {
  try {
    return explorerStorage(window.sessionStorage);
  } catch {
    return null;
  }
}

function readSavedTabs(storage: Storage | null): string | null {
  try {
    return storage?.getItem(TAB_STATE_KEY) ?? null;
  } catch {
    return null; // Storage blocked: GraphiQL starts from the examples.
  }
}

// What GraphiQL kept in localStorage before (a token in its history's headers among it) goes.
forgetExplorerState(deviceStorage());
const graphiqlStorage = tabStorage();

/** The jurisdictions by name and code (public), to name the side and region of a signed-in operator or a typed token; without them, keys and codes stand in. */
async function loadSides(): Promise<KnownSide[]> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: registeredBody(jurisdictionsOperation),
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
const signedIn = signedInFetch(session);

/**
 * The signed-in token, shown to the gateway once before the page is drawn (the registered
 * `ExplorerTokenCheck`, through `signedInFetch`): an account the gateway refuses (no Linju role) is
 * signed out then, saying why, and never named in the bar. GraphiQL's own first request (its schema)
 * cannot be relied on for this: a gateway answering registered operations only refuses it before it
 * reads the token, and GraphiQL sends it only once it has mounted.
 */
async function confirmSignIn(): Promise<void> {
  if (!session.accessToken) return;
  try {
    await signedIn(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: registeredBody(tokenCheckOperation) });
  } catch {
    // The gateway unreachable: the first request that reaches it meets its refusal, if any.
  }
}

const [examples, sides] = await Promise.all([loadExamples(), loadSides(), confirmSignIn()]);
const opening = openingTab(examples, readSavedTabs(graphiqlStorage));
/** What the gateway has said of the tokens typed into Headers: asked once each, and learnt from GraphiQL's answers. */
const checks = new TypedTokenChecks((authorization) =>
  fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: registeredBody(tokenCheckOperation) }),
);
// Every request carries the signed-in person's token, unless the Headers editor names its own.
const fetcher = createGraphiQLFetcher({
  url: endpoint,
  fetch: async (input, init) => {
    const response = await signedIn(input, init);
    const typed = new Headers(init?.headers).get('authorization');
    if (typed !== null) void checks.observe(typed, response);
    return response;
  },
});
const defaultTabs = examples.map(({ query, variables }) => ({ query, variables: variables ?? null }));

/** The `Authorization` typed into the active tab's Headers editor, if any: what GraphiQL's requests carry then. */
let typedAuthorization: string | null = null;
/**
 * The regions tokens name by code, found through the gateway as the dashboard finds them, with the
 * token of the moment, sent as GraphiQL's requests are (`signedIn`). The gateway's refusal (401,
 * `UNAUTHENTICATED`) of the signed-in person's token ends the session there: renewed once and asked
 * again, a token still refused signs the tab out (`signedInFetch`), the bar saying
 * 网关未接受当前登录，已退出。请重新登录。 with 登录, as for any request of the page; a typed token's is
 * learnt by its check, the bar naming the gateway's reason. Either way the lookup ends there: it was
 * tried again every 15 s, as after a store down, the bar naming the person for good.
 */
const regions = new OperatorRegions((operator) => {
  const typed = typedAuthorization;
  const send: typeof fetch = async (input, init) => {
    const response = await signedIn(input, init);
    if (typed !== null) await checks.observe(typed, response);
    return response;
  };
  return findOperatorRegion((operation, variables) => sendOperation(operation, variables, typed === null ? null : bearerToken(typed), endpoint, send), operator);
});

/** 退出 forgets what was typed and run in this tab (its tabs, history, variables), as the dashboard forgets its drafts. */
function forgetTab(): void {
  try {
    forgetExplorerState(window.sessionStorage);
  } catch {
    // sessionStorage blocked: GraphiQL kept nothing there.
  }
}

/** Where GraphiQL may keep nothing. */
const NO_STORAGE: Storage = { getItem: () => null, setItem: () => {}, removeItem: () => {}, clear: () => {}, key: () => null, length: 0 };

/** The bar and GraphiQL: the bar follows the Headers editor (GraphiQL writes it again on every switch of tab). */
function Explorer() {
  const [typed, setTyped] = useState<string | null>(null);
  const headersEdited = useCallback((headers: string) => {
    typedAuthorization = editorAuthorization(headers);
    setTyped(typedAuthorization);
  }, []);
  return (
    <>
      <AccountBar session={session} sides={sides} regions={regions} typed={typed} checks={checks} onSignOut={forgetTab} />
      <div className="graphiql-frame">
        <GraphiQL
          fetcher={fetcher}
          defaultTabs={defaultTabs}
          {...(opening && { initialQuery: opening.query, initialVariables: opening.variables })}
          onEditHeaders={headersEdited}
          // sessionStorage, never a header kept (see explorerStorage.ts); no setting to keep them either.
          // Where sessionStorage cannot be used, a storage of nothing: GraphiQL's default is localStorage.
          storage={graphiqlStorage ?? NO_STORAGE}
          shouldPersistHeaders={false}
          showPersistHeadersSettings={false}
          defaultEditorToolsVisibility
        />
      </div>
    </>
  );
}

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
