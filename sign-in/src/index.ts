export { describeCaller, describeToken, regionName, roleName, splitAtName, type KnownSide, type RegionNames } from './describeCaller.ts';
export { isCallback, isLoopback, redirectUriOf, withoutCallback } from './pageAddress.ts';
export { renewalDelay, RENEWAL_LEAD_MS } from './renewalDelay.ts';
export { loadSignInConfig, parseSignInConfig, type SignInConfig, type SigningPage } from './signInConfig.ts';
export { accountRefusedNotice, SIGN_IN_MESSAGES, signInFailure } from './signInMessages.ts';
export { signedInFetch } from './signedInFetch.ts';
export { SignInSession, type GatewayRefusal, type SignInState } from './SignInSession.ts';
export { claimAt, DEFAULT_CLAIM_NAMES, DEFAULT_CLAIM_READING, tokenClaims, type ClaimNames, type ClaimReading, type TokenClaims } from './tokenClaims.ts';
