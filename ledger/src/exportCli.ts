#!/usr/bin/env -S npx tsx
import { commandFailure, commandGateway, GATEWAY_USAGE, parseCommandLine } from './commandLine.ts';
import { JURISDICTIONS } from '@linju/contract';
import { PERIOD_END_LABELS } from '@linju/contract/dateRange';
import { exportableLists, exportToFile, type ExportFilter } from './export/exportList.ts';
import { sidesOf } from './export/exportSides.ts';
import { regionIdOf } from './export/filterNames.ts';
import { exportedLine } from './export/exportedLine.ts';
import { exportFormatOf } from './export/outputFormat.ts';
import type { ExportFormat } from './export/tableWriters.ts';
import { fromWhereTyped } from './fromWhereTyped.ts';
import { LedgerError } from './LedgerError.ts';

/**
 * `npm run export -- --list activities --side sichuan --period 2021-01-01..2021-06-30 --format csv --token T`
 */
const USAGE = () => `用法 / usage:
  npm run export -- --list <list> [--side ${JURISDICTIONS.map((j) => j.key).join('|')}] [--period YYYY-MM-DD..YYYY-MM-DD] [--kind 类别]… [--region 区划名称|ID]
                    [--alliance ID] [--cross-border true|false] [--search 文字] [--format xlsx|csv] [--out 文件.xlsx|文件.csv] [--gateway URL] [--token T]
lists: ${exportableLists().map((l) => `${l.name}（${l.label}）`).join('、')}
The token may also come from LINJU_TOKEN; the figure tables are public and need none.
${GATEWAY_USAGE}`;

/** `2021-01-01..2021-06-30`, either end may be left open (`2021-01-01..`). */
function period(text: string | undefined): ExportFilter['period'] {
  if (text === undefined) return undefined;
  const match = /^([^.]*)\.\.([^.]*)$/.exec(text);
  if (!match || (!match[1] && !match[2])) throw new LedgerError(`时间段“${text}”的格式应为 ${PERIOD_END_LABELS.from}..${PERIOD_END_LABELS.to}，如 2021-01-01..2021-06-30（任一端可空）。`);
  return { ...(match[1] ? { from: match[1] } : {}), ...(match[2] ? { to: match[2] } : {}) };
}

function crossBorder(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') throw new LedgerError(`--cross-border 只能是 true 或 false（收到“${text}”）。`);
  return text === 'true';
}

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    options: {
      list: { type: 'string' },
      side: { type: 'string' },
      period: { type: 'string' },
      kind: { type: 'string', multiple: true },
      region: { type: 'string' },
      alliance: { type: 'string' },
      'cross-border': { type: 'string' },
      search: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.list) {
    console.log(USAGE());
    return;
  }
  const gateway = commandGateway(values.gateway);
  // Before anything is read: a file named for another format than the one written is refused.
  const format = exportFormatOf(values.format, values.out);
  const token = values.token ?? process.env.LINJU_TOKEN;
  // A region by its name (磨溪镇) as the import takes one, or by its ID.
  const sides = () => sidesOf(values.side === undefined ? undefined : [values.side]);
  const filter: ExportFilter = {
    kinds: values.kind?.flatMap((k) => k.split(/[,，、]/)).filter(Boolean),
    period: period(values.period),
    regionId: values.region === undefined ? undefined : await regionIdOf({ gatewayUrl: gateway, token: token ?? '' }, values.region, sides()),
    allianceId: values.alliance,
    crossBorder: crossBorder(values['cross-border']),
    search: values.search,
  };
  const options = { list: values.list, side: values.side, format: format as ExportFormat, gatewayUrl: gateway, token, filter };
  const stats = await exportToFile(options, (name) => fromWhereTyped(values.out ?? name));
  console.log(exportedLine(stats));
  if (stats.unavailable) console.log(stats.unavailable);
}

main().catch((error: unknown) => {
  if (error instanceof LedgerError) {
    console.error(commandFailure('导出失败', error));
    process.exitCode = 1;
  } else throw error;
});
