import { resolve } from 'node:path';

/** A path as the clerk typed it: `npm run` starts in the repository's root, INIT_CWD is where they were. */
export const fromWhereTyped = (path: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), path);
