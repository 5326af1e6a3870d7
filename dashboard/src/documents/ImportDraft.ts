import { OwnedDraft, type DraftOwner } from '../auth/OwnedDraft.ts';

/**
 * The file a clerk chose, as far as a tab can keep it: a `File` cannot go in sessionStorage, so its
 * name, size and last change say which file it was (chosen again, the same three say it is that file).
 */
export interface ChosenFile {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
}

/** One row of a preview or an import, as the documents server answers it. */
export interface ShownRow {
  line: number;
  status: string;
  problems: { column: string | null; reason: string }[];
  /** The row in a few words (类别 · 名称), as the server says it: the table's 内容. */
  content: string;
}

/** The documents server's answer to a preview or an import. */
export interface ImportAnswer {
  label: string;
  name: string;
  counts: Record<string, number>;
  rows: ShownRow[];
  /** 文件中没有“所属联盟ID”列，各行按未填写导入…: the optional columns the file does not have ('' or absent when none). */
  absentColumnsNote?: string;
  /** 本文件的“备注”列不导入: the file's remarks columns, read as nothing ('' or absent when none). */
  remarkColumnsNote?: string;
  /** 第3、5行的“举办日期”单元格只显示月日…: the date cells shown as 月日 only ('' or absent when none). */
  monthDayDatesNote?: string;
  /** 第3行的“任职人”“王建华”按本区划内的同名任职人导入，四川省另有…: names taken in the region, namesakes elsewhere ('' or absent when none). */
  chosenNamesakesNote?: string;
  /** 第3–500行（共 498 行）的上级在本文件中，预检不写入…: a preview's rows below rows of the file, unchecked ('' or absent when none). */
  uncheckedNote?: string;
  /** 其中第 2 行是已登记的人员，与已登记内容有不同，本次未更改…: registered people whose rows differ, not corrected ('' or absent when none). */
  unappliedNote?: string;
  report?: { name: string; base64: string };
}

/** What the 台账导入 panel held and not yet imported: its choices, and the preview shown of the file. */
export interface LedgerImportDraft {
  readonly kind: string;
  readonly mode: string;
  readonly file: ChosenFile | null;
  /** The preview shown, of `file` in `kind` and `mode`. */
  readonly preview: ImportAnswer | null;
}

const KEY = 'linju.dashboard.importDraft';

const isChosenFile = (file: unknown): file is ChosenFile => {
  const f = file as Partial<ChosenFile> | null;
  return typeof f?.name === 'string' && typeof f.size === 'number' && typeof f.lastModified === 'number';
};

function isImportDraft(draft: unknown): draft is LedgerImportDraft {
  const d = draft as Partial<LedgerImportDraft> | null;
  if (typeof d?.kind !== 'string' || typeof d.mode !== 'string') return false;
  if (d.file !== null && !isChosenFile(d.file)) return false;
  return d.preview === null || (typeof d.preview === 'object' && Array.isArray(d.preview?.rows) && typeof d.preview.counts === 'object');
}

/** The file's identity, as kept. */
export const chosenFile = (file: File): ChosenFile => ({ name: file.name, size: file.size, lastModified: file.lastModified });

/** Whether a file chosen now is the one kept (or previewed). */
export const sameFile = (a: ChosenFile | null, b: ChosenFile | null) => !!a && !!b && a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

/**
 * The 台账导入 panel's choices and preview, kept in the tab's sessionStorage
 * (`linju.dashboard.importDraft`) under the operator's subject and side, as 登记活动's `RecordDraft`:
 * a token that lapses while the page is open takes the panel away, and the same person, signed in
 * again, finds 台账类型, 导入方式 and the preview as they were. Forgotten once imported, at 清空重选,
 * at 退出, and as soon as the tab's token names another person (`keepOnly`).
 */
export class ImportDraft extends OwnedDraft<LedgerImportDraft> {
  constructor(storage: Storage, owner: DraftOwner) {
    super(storage, KEY, owner, isImportDraft);
  }

  /** Forgets the draft unless it is `subject`'s; null forgets it whoever's it is (退出, 清除). */
  static keepOnly(storage: Storage, subject: string | null): void {
    OwnedDraft.keepOnlyUnder(storage, KEY, subject);
  }
}
