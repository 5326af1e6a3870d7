import { ConfigError } from './ConfigError.ts';

/**
 * Whether a process of Linju runs in production mode: `LINJU_ENV=production` or
 * `NODE_ENV=production` (either is enough: a slip in one cannot turn the protections off).
 * Production turns introspection, field suggestions and stack traces off, masks internal errors
 * and refuses generated secrets. Throws, naming the variable, on a `LINJU_ENV` that is neither
 * `production` nor `development`.
 */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = env.LINJU_ENV?.trim();
  if (mode && mode !== 'production' && mode !== 'development') {
    throw ConfigError.invalid('LINJU_ENV', mode, '"production" or "development"');
  }
  return mode === 'production' || env.NODE_ENV?.trim() === 'production';
}
