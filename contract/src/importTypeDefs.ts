/**
 * Bulk writes (导入): a ledger import sends up to {@link MAX_IMPORT_ROWS} records of one kind in one
 * call, each row checked by exactly the rules of the kind's single write and idempotent by its own
 * key. The kinds that have one, and their field names, are in `MUTATIONS` (`batch`).
 */

/** The most rows one import call takes; a ledger of more is sent in several calls. */
export const MAX_IMPORT_ROWS = 1000;

/**
 * The largest request body a subgraph accepts from the gateway: room for an import call of
 * {@link MAX_IMPORT_ROWS} rows of the longest texts (about 1.6 kB a row as JSON), several times
 * over. The gateway's own limit for import calls (`LINJU_MAX_IMPORT_BODY_BYTES`) may not exceed it.
 */
export const SUBGRAPH_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** `ImportMode` of the schema. */
export type ImportMode = 'ALL_OR_NOTHING' | 'ROW_BY_ROW';

/** `ImportRowResult` of the schema: what became of one row. */
export interface ImportRowResult {
  index: number;
  status: 'CREATED' | 'EXISTING' | 'REFUSED' | 'NOT_WRITTEN';
  id: string | null;
  code: string | null;
  field: string | null;
  rule: string | null;
  message: string | null;
}

/** `ImportResult` of the schema: the outcome of one import call. */
export interface ImportResult {
  committed: boolean;
  created: number;
  existing: number;
  refused: number;
  rows: ImportRowResult[];
}

/** The input type a write's `input` argument takes (`input: ActivityInput!` → `ActivityInput`). */
export function inputTypeOf(args: string): string {
  const match = /(?:^|,\s*)input:\s*(\w+)!/.exec(args);
  if (!match) throw new Error(`A write with a batch form takes one input: ${args}`);
  return match[1]!;
}

/** The row type of a kind's import: `ActivityInput` → `ActivityImportRow`. */
export const importRowType = (inputType: string): string => `${inputType.replace(/Input$/, '')}ImportRow`;

/** The types every import shares, and the row input of each kind (`inputTypes`), the same on every side. */
export function importTypeDefs(inputTypes: readonly string[]): string {
  const rows = inputTypes.map(
    (input) => `"""导入的一行 / One row of an import"""
input ${importRowType(input)} {
  """该行的记录 / The row's record"""
  input: ${input}!
  """该行的幂等键：同一键同一内容再次导入答“已存在”，内容不同则拒绝；与单条写入的 idempotencyKey 互通 / The row's idempotency key: imported again with the same content it answers EXISTING, with other content it is refused; shared with the single write's idempotencyKey"""
  idempotencyKey: String!
}`,
  );
  return `"""导入模式 / How a batch treats refused rows: ALL_OR_NOTHING writes nothing if any row is refused (one transaction); ROW_BY_ROW writes every valid row"""
enum ImportMode {
  """有一行被拒绝则全部不写 / Write nothing if any row is refused"""
  ALL_OR_NOTHING
  """写入每个有效行 / Write every valid row"""
  ROW_BY_ROW
}

"""导入行的结果 / What became of one row of an import"""
enum ImportRowStatus {
  """已写入 / Written by this call"""
  CREATED
  """已存在：该幂等键此前已以相同内容写入，或本方已有同一记录（身份与内容相同，rule 为 same-record）/ Written before under the same key with the same content, or a live record of the row's identity and values (rule same-record)"""
  EXISTING
  """被拒绝（原因见 code、field、rule、message）/ Refused: see code, field, rule, message"""
  REFUSED
  """有效但未写入：全有或全无模式下另有行被拒绝，或为试运行 / Valid but not written: another row was refused under ALL_OR_NOTHING, or a dry run"""
  NOT_WRITTEN
}

"""导入一行的结果 / The outcome of one row"""
type ImportRowResult @shareable {
  """行序号（从 0 起，与 rows 中的位置一致）/ Position of the row in rows, from 0"""
  index: Int!
  """结果 / Status"""
  status: ImportRowStatus!
  """写入（或先前写入）的记录 ID；被拒绝时为拒绝所指的已有记录（如 duplicate 的同名组织），否则为空 / ID of the record written, now or before; for a refusal, the existing record it names (an organization's live namesake, duplicate), else null"""
  id: ID
  """拒绝的错误码，与单条写入的 extensions.code 相同 / Error code of a refusal, as the single write's extensions.code"""
  code: String
  """出错的输入字段 / Input field at fault"""
  field: String
  """违反的规则；已存在的行为 same-record 时，是本方已有的同一记录 / Rule broken; same-record on an EXISTING row that is a live record registered otherwise"""
  rule: String
  """拒绝的原因，与单条写入的错误信息相同；same-record 的已存在行为该记录已登记的说明 / Reason of a refusal, the single write's error message; for a same-record EXISTING row, that the record is registered"""
  message: String
}

"""一次导入的结果 / The outcome of an import call"""
type ImportResult @shareable {
  """是否已提交（试运行、或全有或全无模式下有行被拒绝时为 false）/ Whether anything was committed: false for a dry run, or when ALL_OR_NOTHING refused a row"""
  committed: Boolean!
  """新写入的行数 / Rows written by this call"""
  created: Int!
  """已存在的行数 / Rows written before under the same key, or that are a live record (same-record)"""
  existing: Int!
  """被拒绝的行数 / Rows refused"""
  refused: Int!
  """每行的结果，顺序同 rows / Each row's outcome, in the order of rows"""
  rows: [ImportRowResult!]!
}

${rows.join('\n\n')}
`;
}
