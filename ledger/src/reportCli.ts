#!/usr/bin/env -S npx tsx
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MASTHEAD_LIMITS } from '@linju/contract/briefingMasthead';
import { PERIOD_END_LABELS } from '@linju/contract/dateRange';
import { commandFailure, commandGateway, GATEWAY_USAGE, parseCommandLine } from './commandLine.ts';
import { LedgerError } from './LedgerError.ts';
import { briefingOutput } from './report/briefingOutput.ts';
import { briefingPdf, writeBriefing } from './report/index.ts';

/** `npm run report -- --period 2021-01-01..2021-06-30 [--jurisdiction sichuan] [--out 简报.docx] [--pdf]` */
const USAGE = `用法 / usage:
  npm run report -- --period <${PERIOD_END_LABELS.from}..${PERIOD_END_LABELS.to}> [--jurisdiction <sichuan|chongqing>] [--out <简报.docx|简报.pdf>] [--pdf]
                    [--issue <期数>] [--office <印发单位>] [--gateway URL] [--token <token>]
期数为 1 至 ${MASTHEAD_LIMITS.issue} 的整数；印发单位至多 ${MASTHEAD_LIMITS.office} 字。
例如：npm run report -- --period 2021-01-01..2021-06-30 --out 简报.docx --pdf
The figures are public: the token (or LINJU_TOKEN) is optional. --pdf also writes the PDF beside the docx (LibreOffice).
${GATEWAY_USAGE}`;

/** A path as the clerk typed it: `npm run` starts in the repository's root, INIT_CWD is where they were. */
const fromWhereTyped = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

/**
 * Writes the document beside its place and renames it into place once complete, so a folder that
 * does not exist or cannot be written is one line in Chinese, and a failed write leaves no partial
 * file (an earlier briefing of that name stays).
 */
async function writeWhole(path: string, content: Buffer): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.part`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch {
    await rm(temporary, { force: true });
    throw new LedgerError(`无法写入 ${path}：请检查目录是否存在、是否有写权限。简报未生成。`);
  }
}

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    options: {
      period: { type: 'string' },
      jurisdiction: { type: 'string' },
      out: { type: 'string' },
      pdf: { type: 'boolean' },
      issue: { type: 'string' },
      office: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.period) {
    console.log(USAGE);
    return;
  }
  const gateway = commandGateway(values.gateway);
  // A name that is neither .docx nor .pdf is refused before anything is read.
  if (values.out !== undefined) briefingOutput(values.out, false);
  const started = Date.now();
  const briefing = await writeBriefing({
    period: values.period,
    jurisdiction: values.jurisdiction,
    gatewayUrl: gateway,
    token: values.token ?? process.env.LINJU_TOKEN,
    // As typed: writeBriefing reads 期数 and 印发单位 (checkMasthead) before anything is read.
    issue: values.issue,
    office: values.office,
  });
  const out = briefingOutput(fromWhereTyped(values.out ?? briefing.fileName), values.pdf === true);
  await writeWhole(out.docx, briefing.docx);
  // Named as its file is: one side's says whose (已生成2021年上半年四川省工作简报), as 2021年上半年简报 did not.
  console.log(`已生成${basename(briefing.fileName, '.docx')}：${out.docx}`);
  if (out.pdf) console.log(`已生成 PDF：${await briefingPdf(out.docx)}`);
  console.log(`用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
}

main().catch((error: unknown) => {
  if (error instanceof LedgerError) {
    console.error(commandFailure('简报生成失败', error));
    process.exitCode = 1;
  } else throw error;
});
