import { numberFlag, parseFlags, usageError } from '../parseFlags.ts';
import { SUBGRAPHS } from './SoakFederation.ts';

/** What `npm run soak` was asked to do; see bench/soak.ts for each flag. */
export interface SoakOptions {
  seconds: number;
  rate: number;
  /** The subgraph killed midway; undefined: none. */
  kill: string | undefined;
  killAt: number;
  downSeconds: number;
  graceSeconds: number;
  writeShare: number;
  maxInFlight: number;
  basePort: number;
  dataDir: string | undefined;
  sampleSeconds: number;
  /** Memory samples before this many seconds of load are left out of the trend (warm-up). */
  warmupSeconds: number;
  logLevel: string;
  /** Run the production bundles under node with the production flags (built first) instead of the sources through tsx. */
  bundles: boolean;
}

const NAMES = SUBGRAPHS.map((s) => s.name);

export const SOAK_USAGE =
  `npm run soak -- [--seconds 60] [--rate 50] [--kill ${[...NAMES, 'none'].join('|')}] [--kill-at S] [--down-seconds 3] [--grace-seconds 5] ` +
  '[--write-share 0.1] [--max-in-flight 64] [--base-port 4400] [--data-dir PATH] [--sample-seconds 5] [--warmup-seconds S] [--log-level warn] [--bundles yes]';

/** Reads the soak's flags; a wrong one prints why and the usage, and exits 2 (`--help`: the usage, exit 0). */
export function parseSoakOptions(argv: readonly string[]): SoakOptions {
  const flags = parseFlags(
    argv,
    {
      seconds: '60',
      rate: '50',
      kill: NAMES[0]!,
      // Empty: 40 % of --seconds.
      'kill-at': '',
      'down-seconds': '3',
      'grace-seconds': '5',
      'write-share': '0.1',
      'max-in-flight': '64',
      'base-port': '4400',
      'data-dir': '',
      'sample-seconds': '5',
      // Empty: 20 % of --seconds, at most 5 minutes.
      'warmup-seconds': '',
      'log-level': 'warn',
      bundles: 'no',
    },
    SOAK_USAGE,
  );
  const number = (name: keyof typeof flags, min: number, max: number) => numberFlag(flags, name, min, max, SOAK_USAGE);
  const seconds = number('seconds', 5, 24 * 3600);
  if (flags.kill !== 'none' && !NAMES.includes(flags.kill)) usageError(`--kill must be one of ${NAMES.join(', ')} or none`, SOAK_USAGE);
  return {
    seconds,
    rate: number('rate', 0.1, 2000),
    kill: flags.kill === 'none' ? undefined : flags.kill,
    killAt: flags['kill-at'] === '' ? Math.round(seconds * 0.4) : number('kill-at', 0, seconds),
    downSeconds: number('down-seconds', 0, 3600),
    graceSeconds: number('grace-seconds', 0, 600),
    writeShare: number('write-share', 0, 1),
    maxInFlight: number('max-in-flight', 1, 10_000),
    // The subgraphs take the ports after the gateway's.
    basePort: number('base-port', 1024, 65535 - NAMES.length),
    dataDir: flags['data-dir'] || undefined,
    sampleSeconds: number('sample-seconds', 0.5, 3600),
    warmupSeconds: flags['warmup-seconds'] === '' ? Math.min(300, Math.round(seconds * 0.2)) : number('warmup-seconds', 0, seconds),
    logLevel: flags['log-level'],
    bundles: flags.bundles === 'yes' || (flags.bundles !== 'no' && usageError('--bundles is yes or no', SOAK_USAGE)),
  };
}
