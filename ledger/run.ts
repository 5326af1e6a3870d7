/**
 * `npm run import`: installs ledger/'s own packages (exceljs, which nothing but the ledger import
 * needs, so the root's install leaves it out) from ledger/package-lock.json once per lockfile, then
 * runs the import command (src/importCli.ts). @linju/* and tsx are the root's, so the root must be
 * installed first.
 */
import { installOwnPackage } from '../scripts/installOwnPackage.ts';

try {
  installOwnPackage(import.meta.dirname, 'exceljs');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
await import('./src/importCli.ts');
