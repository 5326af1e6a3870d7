/**
 * `npm run bench:profile -- DIR`: where the CPU of each measured run of `npm run bench -- --profile DIR`
 * went, per request, by process and by what the code was doing (see profile/profileCategories.ts).
 * Prints markdown and writes it to DIR/profile-summary.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatScenarioProfiles, readScenarioProfiles } from './profile/profileReport.ts';

const dir = process.argv[2];
if (!dir || dir.startsWith('-')) {
  console.error('Usage: npm run bench:profile -- DIR   (the directory given to npm run bench -- --profile DIR)');
  process.exit(2);
}
const markdown = formatScenarioProfiles(readScenarioProfiles(dir));
writeFileSync(join(dir, 'profile-summary.md'), markdown);
console.log(markdown);
