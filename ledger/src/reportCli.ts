#!/usr/bin/env -S npx tsx
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LedgerError } from './LedgerError.ts';
import { briefingPdf, writeBriefing } from './report/index.ts';

/** `npm run report -- --period 2021-01-01..2021-06-30 [--jurisdiction sichuan] [--out 简报.docx] [--pdf]` */
const USAGE = `用法 / usage:
  npm run report -- --period <起始日期..结束日期> [--jurisdiction <sichuan|chongqing>] [--out <简报.docx>] [--pdf]
                    [--issue <期数>] [--office <印发单位>] [--gateway URL] [--token <token>]
例如：npm run report -- --period 2021-01-01..2021-06-30 --out 简报.docx --pdf
The figures are public: the token (or LINJU_TOKEN) is optional. --pdf also writes the PDF beside the docx (LibreOffice).`;

/** A path as the clerk typed it: `npm run` starts in the repository's root, INIT_CWD is where they were. */
const fromWhereTyped = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      period: { type: 'string' },
      jurisdiction: { type: 'string' },
      out: { type: 'string' },
      pdf: { type: 'boolean' },
      issue: { type: 'string' },
      office: { type: 'string' },
      gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.period) {
    console.log(USAGE);
    return;
  }
  const issue = values.issue === undefined ? undefined : Number(values.issue);
  if (issue !== undefined && !(Number.isInteger(issue) && issue > 0)) throw new LedgerError(`期数“${values.issue}”应为正整数。`);
  const started = Date.now();
  const briefing = await writeBriefing({
    period: values.period,
    jurisdiction: values.jurisdiction,
    gatewayUrl: values.gateway!,
    token: values.token ?? process.env.LINJU_TOKEN,
    issue,
    office: values.office,
  });
  const out = fromWhereTyped(values.out ?? briefing.fileName);
  await writeFile(out, briefing.docx);
  console.log(`已生成${briefing.periodText}简报：${out}`);
  if (values.pdf) console.log(`已生成 PDF：${await briefingPdf(out)}`);
  console.log(`用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
}

main().catch((error: unknown) => {
  if (error instanceof LedgerError) {
    console.error(`简报生成失败：${error.message}`);
    process.exitCode = 1;
  } else throw error;
});
