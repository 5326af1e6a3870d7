import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (`.ci/run` installs it): playwright-core downloads no browser of its own.
 * `LINJU_CHROMIUM` names another binary, e.g. `LINJU_CHROMIUM=/nonexistent` to see how the tests
 * behave on a machine without one.
 */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => env.LINJU_CHROMIUM || '/usr/bin/chromium';

const INSTALL_HINT = `install Debian's Chromium and a CJK font: apt-get install chromium fonts-wqy-zenhei (.ci/run does)`;

/** CI=true (`.ci/run` sets it), as CI services set it; `CI=false` or `CI=0` is a developer's shell. */
const inCI = (env: NodeJS.ProcessEnv = process.env) => !!env.CI && !/^(false|0)$/i.test(env.CI);

/**
 * Whether to skip the browser tests: only on a developer's machine without Chromium, said aloud so
 * nobody mistakes a skip for a pass. In CI a missing browser is a broken set-up and fails instead.
 */
export function skipWithoutChromium(whose: string): boolean {
  if (existsSync(chromiumPath()) || inCI()) return false;
  console.warn(`Skipping ${whose} browser tests: ${chromiumPath()} is missing; ${INSTALL_HINT}.`);
  return true;
}

/**
 * Chromium headless, as this machine runs it: no sandbox (root in CI), and none of Chromium's own
 * background traffic (component updates, sync, QUIC probes), which a closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: ${INSTALL_HINT}`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
