// The operator's commands that production hosts run too (scripts/verify-audit.ts, verify-figures.ts,
// check-tree.ts, reconcile.ts): `npm run <script> -- …` in development (through tsx), and
// `node dist/tools/<tool>.mjs …` from the production build (OPERATIONS_TOOLS in
// deploy/src/serverProcesses.ts; docs/deployment.md, "Operations tools").

/** The usage line of a command, in both of its forms. */
export function commandUsage(script: string, tool: string, args: string): string {
  return `Usage: npm run ${script}${args ? ` -- ${args}` : ''}\n   or, from the production build: node dist/tools/${tool}.mjs${args ? ` ${args}` : ''}`;
}

/** Whether the command line asks for the usage (`--help`, `-h`). */
export function asksForHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
