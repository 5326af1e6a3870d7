/**
 * `npm run import | export | report`: installs ledger/'s own packages (exceljs, docx, echarts and
 * resvg, which nothing but the ledger's documents need, so the root's install leaves them out) from
 * ledger/package-lock.json once per lockfile, then runs the command's CLI (src/<command>Cli.ts).
 * @linju/* and tsx are the root's, so the root must be installed first.
 */
import { installOwnPackage } from '../scripts/installOwnPackage.ts';

const COMMANDS = { import: () => import('./src/importCli.ts'), export: () => import('./src/exportCli.ts'), report: () => import('./src/reportCli.ts') } as const;
const command = process.argv[2] as keyof typeof COMMANDS;
if (!Object.hasOwn(COMMANDS, command)) {
  console.error(`ledger/run.ts: the first argument is one of ${Object.keys(COMMANDS).join(', ')} (got ${command ?? 'nothing'})`);
  process.exit(2);
}
process.argv.splice(2, 1);
try {
  installOwnPackage(import.meta.dirname, 'exceljs');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
await COMMANDS[command]();
