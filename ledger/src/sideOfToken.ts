import { tokenClaims } from '@linju/sign-in/tokenClaims';

/** The side an operator's token writes to (`sichuan-operator` → `sichuan`); none for another role. */
export const sideOfToken = (token: string): string | undefined => /^(.+)-operator$/.exec(tokenClaims(token)?.role ?? '')?.[1];
