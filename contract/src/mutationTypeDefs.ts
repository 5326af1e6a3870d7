import type { JurisdictionInfo } from './jurisdictions.ts';
import { importRowType, importTypeDefs, inputTypeOf, MAX_IMPORT_ROWS } from './importTypeDefs.ts';

/** A write every jurisdiction accepts: its name after the side's key, its arguments, what it returns. */
interface MutationSpec {
  name: string;
  args: string;
  returns: string;
  description: string;
  /**
   * The plural of the records it writes, when the write has a batch form for ledger imports:
   * `Activities` → `sichuanImportActivities(rows: [ActivityImportRow!]!, mode, dryRun): ImportResult!`.
   */
  batch?: string;
  /** `returns` is a type every side shares (no side prefix). */
  shared?: true;
}

const KEY = 'idempotencyKey: String';
/** The record a write names by its ID, described: the explorer shows it, and a refusal names the argument by it when the writes agree (fieldLabels). */
const ID = (zh: string, en: string) => `"""${zh} ID / ${en}""" id: ID!`;
const VERSION = '"""读到的版本 / The version you read""" version: Int!';

/** The writes of the contract; `<P>` is the side's type prefix. */
export const MUTATIONS: readonly MutationSpec[] = [
  { name: 'CreateOrganization', args: `input: OrganizationInput!, ${KEY}`, returns: 'Organization', description: '新建党组织 / Create a party organization', batch: 'Organizations' },
  { name: 'UpdateOrganization', args: `${ID('党组织', 'The organization')}, ${VERSION}, input: OrganizationUpdateInput!, ${KEY}`, returns: 'Organization', description: '修改党组织（须回传读到的版本）/ Update an organization; send the version you read' },
  { name: 'MergeOrganization', args: `${ID('被撤并的党组织', 'The organization merged')}, ${VERSION}, """承继组织 ID / The organization it is merged into""" successorId: ID!, """撤并日期 / The day it is merged""" mergedOn: Date!, ${KEY}`, returns: 'Organization', description: '撤并到继任组织（保留历史）/ Merge an organization into its successor, keeping its history' },
  { name: 'DissolveOrganization', args: `${ID('党组织', 'The organization')}, ${VERSION}, """撤销日期 / The day it is dissolved""" dissolvedOn: Date!, ${KEY}`, returns: 'Organization', description: '撤销党组织 / Dissolve an organization' },
  { name: 'CreatePerson', args: `input: PersonInput!, ${KEY}`, returns: 'Person', description: '新建人员 / Create a person of this side', batch: 'People' },
  {
    name: 'UpdatePerson', args: `${ID('人员', 'The person')}, ${VERSION}, input: PersonUpdateInput!, ${KEY}`, returns: 'Person',
    description: '更正人员信息或转接组织关系（本方党组织之间；须回传读到的版本）/ Correct a person\'s details or transfer them to another organization of this side; send the version you read',
  },
  { name: 'AppointToPost', args: `input: PostInput!, ${KEY}`, returns: 'Post', description: '任职（含对方人员的交叉任职）/ Appoint a person of either side to a post in this side\'s organization', batch: 'Posts' },
  { name: 'EndPost', args: `${ID('职务', 'The post')}, ${VERSION}, """离任日期 / The day the post ends""" endedOn: Date!, ${KEY}`, returns: 'Post', description: '离任 / End a post' },
  { name: 'RecordActivity', args: `input: ActivityInput!, ${KEY}`, returns: 'Activity', description: '登记活动 / Record an activity', batch: 'Activities' },
  { name: 'RecordServiceCase', args: `input: ServiceCaseInput!, ${KEY}`, returns: 'ServiceCase', description: '登记川渝通办事项 / Record a service case', batch: 'ServiceCases' },
  { name: 'RecordFacility', args: `input: FacilityInput!, ${KEY}`, returns: 'Facility', description: '登记阵地 / Record a facility', batch: 'Facilities' },
  { name: 'RecordProject', args: `input: ProjectInput!, ${KEY}`, returns: 'Project', description: '登记项目 / Record a project', batch: 'Projects' },
  { name: 'RecordTeam', args: `input: TeamInput!, ${KEY}`, returns: 'Team', description: '组建队伍 / Record a team', batch: 'Teams' },
  { name: 'RecordTeamAction', args: `input: TeamActionInput!, ${KEY}`, returns: 'TeamAction', description: '登记队伍行动 / Record team actions', batch: 'TeamActions' },
  { name: 'RecordTransportLink', args: `input: TransportLinkInput!, ${KEY}`, returns: 'TransportLink', description: '登记交通联通 / Record a road or transport link', batch: 'TransportLinks' },
  { name: 'RecordCivilizationRecord', args: `input: CivilizationRecordInput!, ${KEY}`, returns: 'CivilizationRecord', description: '登记文明创建记录 / Record a civilization record', batch: 'CivilizationRecords' },
  { name: 'RecordPairing', args: `input: PairingInput!, ${KEY}`, returns: 'Pairing', description: '登记包联 / Record a pairing', batch: 'Pairings' },
  { name: 'RecordGrid', args: `input: GridInput!, ${KEY}`, returns: 'Grid', description: '登记网格 / Record a grid', batch: 'Grids' },
  {
    name: 'WithdrawRecord', args: `${ID('记录', 'The record')}, """撤销原因 / Why it is withdrawn""" reason: String!, ${KEY}`, returns: 'WithdrawnRecord', shared: true,
    description: '撤销登记有误的记录（移出列表与统计，原记录与原因留档；更正即撤销后重新登记）/ Withdraw a record registered in error: it leaves the lists and figures, and the record is kept with the reason; to correct one, withdraw it and record it again',
  },
];

/** The types a `Record…` write records: the records a clerk may withdraw as registered in error (`WithdrawRecord`). */
export const WITHDRAWABLE_TYPES: readonly string[] = MUTATIONS.filter((m) => m.name.startsWith('Record')).map((m) => m.returns);

/** The writes with a batch form: the name of the batch field after the side's key (`ImportActivities`), and its row type. */
export const IMPORTS = MUTATIONS.flatMap((m) => {
  if (!m.batch) return [];
  const inputType = inputTypeOf(m.args);
  return [{ write: m.name, name: `Import${m.batch}`, inputType, rowType: importRowType(inputType), description: m.description }];
});

/** The arguments of a batch field, described for the explorer. */
const IMPORT_ARGS = (rowType: string) =>
  [
    `"""要导入的行 / The rows to import""" rows: [${rowType}!]!`,
    '"""有行被拒绝时如何处理 / What to do when a row is refused""" mode: ImportMode! = ROW_BY_ROW',
    '"""试运行：全部检查并报告，不写入 / Check and report everything, write nothing""" dryRun: Boolean = false',
  ].join(', ');

/**
 * A write's description as its Chinese and English halves. The halves are parted by a slash with a
 * space after it, and one before it unless the Chinese ends in a full-width bracket
 * (`任职（含对方人员的交叉任职）/ Appoint …`), so the side's name goes into each half, never after
 * the English.
 */
function halves(description: string): [string, string] {
  const parted = /^(.*?[^\s])\s*\/\s+(.+)$/s.exec(description);
  if (!parted) throw new Error(`a write's description is not "中文 / English": ${description}`);
  return [parted[1]!, parted[2]!];
}

/**
 * The side's root mutation fields: one per write, e.g. `sichuanCreateOrganization` returning the
 * side's own type, and one per batch form, e.g. `sichuanImportActivities` returning an `ImportResult`.
 */
export function mutationTypeDefs(side: JurisdictionInfo): string {
  const fields = MUTATIONS.map((m) => {
    const [zh, en] = halves(m.description);
    return `  """${zh}（${side.name}） / ${en} (${side.nameEn})"""\n  ${side.key}${m.name}(${m.args}): ${m.shared ? '' : side.typePrefix}${m.returns}!`;
  });
  const imports = IMPORTS.map((i) => {
    const [zh, en] = halves(i.description);
    return (
      `  """批量导入：${zh}（${side.name}），每次至多 ${MAX_IMPORT_ROWS} 行，每行按单条写入的规则检查，一个事务 / Import in bulk: ${en} (${side.nameEn}), at most ${MAX_IMPORT_ROWS} rows a call, each checked by the single write's rules, in one transaction"""\n` +
      `  ${side.key}${i.name}(${IMPORT_ARGS(i.rowType)}): ImportResult!`
    );
  });
  return `${importTypeDefs(IMPORTS.map((i) => i.inputType))}\ntype Mutation {\n${[...fields, ...imports].join('\n')}\n}`;
}
