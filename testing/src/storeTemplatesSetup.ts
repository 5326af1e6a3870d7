/** Vitest's global setup module for `setupStoreTemplates` (see vitest.shared.ts). */
export { setupStoreTemplates as default } from './storeTemplates.ts';
