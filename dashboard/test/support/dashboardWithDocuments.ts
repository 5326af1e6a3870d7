import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, startFederation, type Federation, type FederationOptions } from '@linju/testing';
import { ServiceProcess } from '@linju/testing/process';
import type { Browser } from 'playwright-core';
import { installOwnPackage } from '../../../scripts/installOwnPackage.ts';
import { ensureDashboardBuilt, RESULTS_DIRECTORY } from './dashboardBuild.ts';

/** The dashboard with its documents: a federation whose gateway passes `/documents/` on, and the browser. */
export interface DashboardWithDocuments {
  federation: Federation;
  browser: Browser;
  /** The gateway's origin: the page is `/dashboard/`, the documents `/documents/`. */
  origin: string;
  stop(): Promise<void>;
}

/**
 * The built dashboard served by a real federation whose gateway passes `/documents/` to a documents
 * server in its own process (as npm start runs it, told where the gateway is, ledger/'s own packages
 * installed as npm start installs them), and Debian's Chromium.
 */
export async function startDashboardWithDocuments(options: Pick<FederationOptions, 'identityProvider'> = {}): Promise<DashboardWithDocuments> {
  ensureDashboardBuilt();
  await mkdir(RESULTS_DIRECTORY, { recursive: true });
  installOwnPackage(fileURLToPath(new URL('../../../ledger/', import.meta.url)), 'exceljs');
  const port = await freePort();
  const [federation, browser] = await Promise.all([startFederation({ ...options, documentsUrl: `http://127.0.0.1:${port}` }), launchChromium()]);
  const stopBoth = async () => {
    await browser.close();
    await federation.stop();
  };
  const documents = await ServiceProcess.start('documents', 'ledger/src/server/index.ts', { LINJU_DOCUMENTS_PORT: String(port), LINJU_GATEWAY_URL: federation.gatewayUrl }).catch(async (error: unknown) => {
    await stopBoth();
    throw error;
  });
  return {
    federation,
    browser,
    origin: new URL(federation.gatewayUrl).origin,
    async stop() {
      await documents.stop();
      await stopBoth();
    },
  };
}
