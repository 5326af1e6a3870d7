// The bounds, defaults and lengths of what a clerk records are the contract's (browser-safe: the
// dashboard's form and the ledger's templates read them too).
export { DEFAULT, LENGTH, MAX, MIN } from '@linju/contract/writeLimits';
