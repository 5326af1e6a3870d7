export { seed } from './dataset.ts';
export { loadSeed } from './loadSeed.ts';
