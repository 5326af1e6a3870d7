import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMasthead } from '@linju/contract/briefingMasthead';
import { openExport, type ExportFilter } from '../export/exportList.ts';
import type { ExportFormat } from '../export/tableWriters.ts';
import { briefingPdf, findSoffice, writeBriefing } from '../report/index.ts';
import type { DocumentsRoute } from './documentsServer.ts';
import { ConversionSlots } from './conversionSlots.ts';
import { DocumentsError } from './DocumentsError.ts';
import { startDownload } from './respond.ts';

function formatParam<F extends string>(query: URLSearchParams, formats: readonly F[]): F {
  const format = query.get('format') ?? formats[0]!;
  if (!(formats as readonly string[]).includes(format)) throw new DocumentsError(400, 'BAD_REQUEST', `不支持的格式“${format}”；可用：${formats.join('、')}。 / format must be one of ${formats.join(', ')}.`);
  return format as F;
}

/** What each route reads of its query; anything else is refused ({@link onlyKnown}). */
const EXPORT_PARAMS = ['list', 'format', 'side', 'from', 'to', 'kinds', 'regionId', 'allianceId', 'crossBorder', 'search'] as const;
const REPORT_PARAMS = ['period', 'format', 'jurisdiction', 'issue', 'office'] as const;

/**
 * Refuses a parameter the route does not read, naming those it does, before anything is read: passed
 * over, `period=` on an export (the briefing's word, where an export takes `from` and `to`) gave a file
 * of every date, and `region=` for `regionId=` every region's rows, each named and captioned as a
 * whole list with nothing to say the filter was not applied.
 */
function onlyKnown(query: URLSearchParams, known: readonly string[], what: string, english: string): void {
  const unknown = [...new Set(query.keys())].filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const hint = unknown.includes('period') && known.includes('from') ? '（时间段写作 from=2021-01-01&to=2021-06-30）' : '';
  throw new DocumentsError(
    400,
    'BAD_REQUEST',
    `${what}没有参数${unknown.map((name) => `“${name}”`).join('、')}${hint}；可用的参数：${known.join('、')}。未生成文件。 / unknown parameter ${unknown.join(', ')}; ${english} takes ${known.join(', ')}.`,
  );
}

/** The API's `RecordFilter` from the query: `kinds` (comma-separated), `from`, `to`, `regionId`, `allianceId`, `crossBorder`, `search`. */
function filterOf(query: URLSearchParams): ExportFilter {
  const text = (name: string) => query.get(name)?.trim() || undefined;
  const from = text('from');
  const to = text('to');
  const kinds = text('kinds')?.split(',').map((k) => k.trim()).filter(Boolean);
  const crossBorder = text('crossBorder');
  return {
    ...(kinds?.length && { kinds }),
    ...((from || to) && { period: { ...(from && { from }), ...(to && { to }) } }),
    ...(text('regionId') && { regionId: text('regionId') }),
    ...(text('allianceId') && { allianceId: text('allianceId') }),
    ...(crossBorder && { crossBorder: crossBorder === 'true' }),
    ...(text('search') && { search: text('search') }),
  };
}

/**
 * `GET /documents/export?list=alliances&format=xlsx[&side=sichuan][&from=&to=…]`: a list or a figure
 * table read through the gateway under the caller's token (personal data stays hidden where the
 * caller may not read it), streamed page by page as it is read. A refusal comes before the first byte.
 */
const exportRoute: DocumentsRoute = async ({ query, caller, response }) => {
  onlyKnown(query, EXPORT_PARAMS, '导出', 'export');
  const list = query.get('list')?.trim();
  if (!list) throw new DocumentsError(400, 'BAD_REQUEST', '请指明要导出的列表（list）。 / list is required.');
  const format = formatParam<ExportFormat>(query, ['xlsx', 'csv']);
  const side = query.get('side')?.trim() || undefined;
  const prepared = await openExport({ list, format, gatewayUrl: caller.gatewayUrl, ...(caller.token && { token: caller.token }), ...(side && { side }), filter: filterOf(query) });
  startDownload(response, prepared, format);
  await prepared.writeTo(response);
};

/** The LibreOffice conversions of this server, one queue for every caller. */
const conversions = new ConversionSlots();

/**
 * `GET /documents/report?period=2021-01-01..2021-06-30&format=docx|pdf[&jurisdiction=sichuan][&issue=7][&office=…]`:
 * the briefing (简报) of the period, 第`issue`期 issued by `office` (印发单位) when given, read as
 * `npm run report` reads its --issue and --office (`checkMasthead`: a bad one is 400 BAD_REQUEST before
 * anything is read); the PDF is LibreOffice's conversion of the same document.
 */
const reportRoute: DocumentsRoute = async ({ query, caller, response }) => {
  onlyKnown(query, REPORT_PARAMS, '简报', 'report');
  const period = query.get('period')?.trim();
  if (!period) throw new DocumentsError(400, 'BAD_REQUEST', '请指明简报的时间段，如 2021-01-01..2021-06-30。 / period is required.');
  const format = formatParam(query, ['docx', 'pdf'] as const);
  const jurisdiction = query.get('jurisdiction')?.trim() || undefined;
  const masthead = checkMasthead({ issue: query.get('issue') ?? undefined, office: query.get('office') ?? undefined });
  if (!masthead.ok) throw new DocumentsError(400, 'BAD_REQUEST', `${masthead.message}，简报未生成。 / ${masthead.english}`);
  if (format === 'pdf' && !(await findSoffice())) throw new DocumentsError(503, 'PDF_UNAVAILABLE', '服务器未安装 LibreOffice，暂不能生成 PDF；请下载 Word 版本。 / LibreOffice is not installed on the server.');
  const { issue, office } = masthead;
  const briefing = await writeBriefing({ period, gatewayUrl: caller.gatewayUrl, ...(caller.token && { token: caller.token }), ...(jurisdiction && { jurisdiction }), issue, office });
  if (format === 'docx') {
    startDownload(response, briefing, 'docx');
    response.end(briefing.docx);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'linju-briefing-'));
  try {
    const docx = join(dir, 'briefing.docx');
    await writeFile(docx, briefing.docx);
    const pdf = await conversions
      .run(() => briefingPdf(docx))
      .then((path) => readFile(path))
      .catch((error: unknown) => {
        if (error instanceof DocumentsError) throw error;
        // LibreOffice's own words (and the paths it names) stay on the server; the clerk is offered the Word version.
        throw new DocumentsError(500, 'PDF_FAILED', 'PDF 转换失败，请稍后重试或下载 Word 版本。 / The PDF conversion failed.');
      });
    const asPdf = (name: string) => name.replace(/\.docx$/, '.pdf');
    startDownload(response, { fileName: asPdf(briefing.fileName), asciiName: asPdf(briefing.asciiName) }, 'pdf');
    response.end(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export const EXPORT_ROUTES: Readonly<Record<string, DocumentsRoute>> = {
  'GET /documents/export': exportRoute,
  'GET /documents/report': reportRoute,
};
