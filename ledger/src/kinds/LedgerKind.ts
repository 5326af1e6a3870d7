/**
 * A record kind as a ledger (台账) holds it: its sheet, its columns and the write each row goes
 * through. One table per kind, from which the template, the parser and the report are made.
 */

/**
 * How a cell is read (`digits`: a number written as text, an ID card number; `phone`: the same, a phone, whose leading 0 Excel drops
 * from a number cell, refused saying so).
 */
export type CellType = 'text' | 'date' | 'count' | 'amount' | 'id' | 'reference' | 'digits' | 'phone';

/**
 * Whether a column's values are strings of digits that Excel would turn into a number as typed (an 18-digit ID card number rounded
 * to 15 digits, 5.00152E+17; a landline's leading 0 dropped): the template formats its cells as Text (`@`), so what is typed is kept.
 */
export const heldAsText = (column: Pick<LedgerColumn, 'type'>): boolean => column.type === 'digits' || column.type === 'phone';

export interface LedgerColumn {
  /** The header the clerk sees, in Chinese; the parser finds the column by it. */
  header: string;
  /**
   * Other headers clerks give this column in their own ledgers (活动名称 for 名称, 主办单位 for 主办组织):
   * read as the column, compared as headers are. None that another column of the kind has.
   */
  aliases?: readonly string[];
  /** The input field of the write it fills (the API's name), e.g. `heldOn`. */
  field: string;
  type: CellType;
  required: boolean;
  /** The values the cell may take (a drop-down in the template), from the contract's vocabulary. */
  vocabulary?: readonly string[];
  /**
   * A `reference` column: the record is named by its name, or given by its global ID; a name is
   * looked up in this list of the side (through the gateway, at import) and must name exactly one
   * live record.
   */
  reference?: {
    list: string;
    /** The list's records can be dissolved (`dissolvedOn`): a name must name a live one. */
    live?: boolean;
    /**
     * The write takes a record outside the operator's region too (a post's holder, a pairing's 第一书记 and a
     * grid's 网格员: anyone of the side; an organization's parent: one above the region). A name is looked up
     * in the operator's region first, as the template offers it (`operatorRecords`), then, naming none there,
     * in the whole side. Without it a name names a record of the operator's region: one it names only
     * elsewhere is the store's to refuse (outside-region), several elsewhere are none of the region's
     * (`resolveReferences.ts`).
     */
    beyondRegion?: true;
    /**
     * The list is the kind's own (an organization's 上级党组织): a name may also name a row of the same
     * file, by this input field of that row (`name`). Such a row waits for that one to be written
     * (`importWaves.ts`).
     */
    sameFile?: string;
    /**
     * Whether a row may be under the row of the file it names (both inputs as parsed): the reason it
     * may not, null when it may. Checked before anything is sent, in the preview too (a 党支部 under a
     * 党支部 of the file: the store would refuse it `parent-kind` once its parent is written).
     */
    fitsUnder?: (input: Readonly<Record<string, unknown>>, parent: Readonly<Record<string, unknown>>) => string | null;
  };
  /** A count's least value, the store's (0 unless it says otherwise); the template's validation allows no less. */
  min?: number;
  /**
   * A date's earliest (ISO): a date before it is refused on its row as a mistyped year (`readCell`). The Party's founding for every date
   * of a party-building record (`dateColumn`); a person's birth date has none here (the store's 1900 is its rule).
   */
  earliest?: string;
  /**
   * What the store records for this optional number left blank: a cell holding it is the same row
   * as the cell left blank (the same idempotency key).
   */
  default?: number;
  /**
   * A count that applies only to rows whose input `field` is one of `values` (引进人才: 引才活动 only; the
   * store refuses it above 0 on any other). A clerk's ledger may leave it out: every other row then holds
   * its default, the only value it may hold there; a row it applies to is refused on it, since its
   * default would change the figures (`mayBeAbsent`).
   */
  appliesOnlyTo?: { field: string; values: readonly string[] };
  /**
   * Why this optional column may not be left out of a clerk's ledger, though any of its cells may be
   * blank: a whole column of blanks would change what every row means (上级党组织: each organization
   * imported as a top-level one). Said after its name where the file is refused, and in the 说明.
   */
  whenAbsent?: string;
  /** One line for the instructions sheet, in Chinese. */
  note: string;
  /** Column width in the template, in characters. */
  width?: number;
}

export interface LedgerKind {
  /** The kind's name on the command line, e.g. `activities`. */
  kind: string;
  /** Its name in Chinese, e.g. 活动 (the template is `活动台账模板.xlsx`). */
  label: string;
  /** The data sheet's name in the template; the import reads the visible sheet of this name, else the one visible sheet with the kind's headers (`readWorkbook`). */
  sheet: string;
  /** The write without its side, e.g. `RecordActivity` (sent as `sichuanRecordActivity`). */
  write: string;
  /** The side's list that holds the written records, e.g. `activities`. */
  list: string;
  /** The input field whose date places a record in a period (the list's `period` filter); none for records without a date (grids, people). */
  dateField?: string;
  /**
   * The write that corrects a record the store already holds with a row's values (`UpdatePerson`): a row the
   * store refuses as that record (`duplicate` with its ID, a person by 公民身份号码) is answered as it
   * (`registeredPeople.ts`), corrected only when the clerk asks (`--update-registered`).
   */
  update?: 'UpdatePerson';
  /**
   * The input fields that identify a record as the clerk sees it (an activity: 类别, 名称, 举办日期, 主办组织),
   * and how a reason says them (同名同日): a row to be written anew whose identity a record of the side has,
   * with other values, is a correction of that record, not a second one, and is refused (`sameRecords.ts`).
   * None for a kind whose rows may be two records alike (two service cases of a kind on a day) or whose store
   * tells such a row itself (an organization's namesake, a taken post, a person's 公民身份号码).
   */
  identity?: { fields: readonly string[]; said: string };
  /** The input field whose record places a row in a region (a row refused outside the operator's region is reported on its column). */
  regionField: string;
  columns: readonly LedgerColumn[];
  /**
   * Headers clerks give a column that could as well be another column of the kind (队伍类型: 类型 or
   * 类别? 单位及职务: 任职组织 or 职务名称?), each with the headers it could mean: compared as headers are,
   * never guessed, the file is refused naming it. None is a header or an alias of the kind.
   */
  ambiguousHeaders?: Readonly<Record<string, readonly string[]>>;
}
