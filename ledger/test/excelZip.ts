import { createRequire } from 'node:module';

/** The zip library exceljs itself uses (ledger's own dependency tree), to edit a saved workbook's parts as Excel or WPS would write them. */
export const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
  loadAsync(data: ArrayBuffer | Buffer): Promise<{
    file(name: string): { async(type: 'string'): Promise<string> } | null;
    file(name: string, data: string): unknown;
    generateAsync(options: { type: 'nodebuffer' }): Promise<Buffer>;
  }>;
};
