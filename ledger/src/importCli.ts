#!/usr/bin/env -S npx tsx
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importLedger } from './importLedger.ts';
import { importReport, reportPath } from './importReport.ts';
import { ledgerTemplate } from './ledgerTemplate.ts';
import { LedgerError } from './LedgerError.ts';
import { ledgerKind, LEDGER_KINDS } from './kinds/index.ts';

/**
 * `npm run import -- --template activities [--out 活动台账模板.xlsx]`
 * `npm run import -- --file 台账.xlsx --kind activities --side sichuan [--gateway URL] --token T`
 */
const USAGE = `用法 / usage:
  npm run import -- --template <kind> [--out <file.xlsx>]
  npm run import -- --file <file.xlsx|file.csv> --kind <kind> --side <sichuan|chongqing> [--gateway URL] --token <token>
kinds: ${Object.keys(LEDGER_KINDS).join(', ')}; the token may also come from LINJU_TOKEN.`;

/** A path as the clerk typed it: `npm run` starts in the repository's root, INIT_CWD is where they were. */
const fromWhereTyped = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      template: { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      kind: { type: 'string', default: 'activities' },
      side: { type: 'string' },
      gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.template && !values.file)) {
    console.log(USAGE);
    return;
  }
  if (values.template) {
    const kind = ledgerKind(values.template);
    const out = fromWhereTyped(values.out ?? `${kind.label}台账模板.xlsx`);
    await ledgerTemplate(kind).xlsx.writeFile(out);
    console.log(`已生成${kind.label}台账模板：${out}`);
    return;
  }
  const token = values.token ?? process.env.LINJU_TOKEN;
  if (!values.side) throw new LedgerError('请用 --side 指明写入哪一方的库（sichuan 或 chongqing）。');
  if (!token) throw new LedgerError('请用 --token（或环境变量 LINJU_TOKEN）提供操作员令牌。');
  const kind = ledgerKind(values.kind!);
  const file = fromWhereTyped(values.file!);
  const outcomes = await importLedger({ file, kind, side: values.side, gatewayUrl: values.gateway!, token });
  const report = reportPath(file);
  await importReport(kind, outcomes).xlsx.writeFile(report);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  console.log(`${file}：已导入 ${count('已导入')} 行，已存在 ${count('已存在')} 行，错误 ${count('错误')} 行。结果见 ${report}`);
  if (count('错误')) process.exitCode = 2;
}

main().catch((error: unknown) => {
  if (error instanceof LedgerError) {
    console.error(`导入失败：${error.message}`);
    process.exitCode = 1;
  } else throw error;
});
