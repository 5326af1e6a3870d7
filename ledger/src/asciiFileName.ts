/**
 * The ASCII name of a download, for clients that cannot read the UTF-8 name beside it (RFC 6266's
 * `filename`): `linju-` and the parts that say what it is, e.g.
 * `linju-figures-2021-01-01_2021-06-30.xlsx` for 指标_2021-01-01至2021-06-30.xlsx.
 */
export function asciiFileName(parts: readonly (string | undefined)[], extension: string): string {
  const words = ['linju', ...parts].filter((part): part is string => !!part).map((part) => part.replace(/[^A-Za-z0-9._-]/g, '')).filter(Boolean);
  return `${words.join('-')}.${extension}`;
}

/** A period in an ASCII name: `2021-01-01_2021-06-30`, `from-2026-03-01`, `until-2021-06-30` (an open end was `2026-03-01_`). */
export const asciiPeriod = ({ from, to }: { from?: string | null; to?: string | null }): string | undefined =>
  from && to ? `${from}_${to}` : from ? `from-${from}` : to ? `until-${to}` : undefined;
