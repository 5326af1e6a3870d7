import { IMPORT_OPTION_WORDS as WORDS } from '@linju/contract/importOptionWords';
import type { LedgerKind } from './kinds/index.ts';

/**
 * Who reads a message of the import: the command's user, who chooses with its flags, or a clerk on the dashboard's page (the
 * documents server's answers and result workbooks), who has no command line and chooses with the page's controls.
 */
export type Reader = 'command' | 'page';

/** An option a message tells the clerk to choose: the words the page shows for it (`IMPORT_OPTION_WORDS`), and the command line's flag. */
export interface ImportOption {
  words: string;
  flag: string;
}

/** 导入方式 逐行导入 (`--mode row-by-row`). */
export const ROW_BY_ROW: ImportOption = { words: `“${WORDS.rowByRow}”`, flag: '--mode row-by-row' };

/** The option's name on the command line (and what a note tells the clerk to add). */
export const UPDATE_REGISTERED_FLAG = '--update-registered';

/** The people ledger's 按台账更正已登记的人员 (`--update-registered`, `registeredPeople.ts`). */
export const UPDATE_REGISTERED: ImportOption = { words: `“${WORDS.updateRegistered}”`, flag: UPDATE_REGISTERED_FLAG };

/** The 台账类型 a file is imported as (`--kind people`), said where it is another kind's ledger than the one chosen. */
export const kindOption = (kind: Pick<LedgerKind, 'label' | 'kind'>): ImportOption => ({ words: `${WORDS.kind}“${kind.label}”`, flag: `--kind ${kind.kind}` });

/** A kind's template (the page's 下载模板 beside 台账类型, `--template people`). */
export const templateOption = (kind: Pick<LedgerKind, 'label' | 'kind'>): ImportOption => ({ words: `${kind.label}台账模板`, flag: `--template ${kind.kind}` });

/**
 * An option as the reader is told it: on the page its words alone (“逐行导入”), at the command line with its flag after
 * them (“逐行导入”（命令行 --mode row-by-row）). Every option a message of the import names is said through this.
 */
export const optionFor = (reader: Reader, option: ImportOption): string => (reader === 'page' ? option.words : `${option.words}（命令行 ${option.flag}）`);
