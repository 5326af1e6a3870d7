import type { JurisdictionInfo } from './jurisdictions.ts';

/** A write every jurisdiction accepts: its name after the side's key, its arguments, what it returns. */
interface MutationSpec {
  name: string;
  args: string;
  returns: string;
  description: string;
}

const KEY = 'idempotencyKey: String';

/** The writes of the contract; `<P>` is the side's type prefix. */
export const MUTATIONS: readonly MutationSpec[] = [
  { name: 'CreateOrganization', args: `input: OrganizationInput!, ${KEY}`, returns: 'Organization', description: '新建党组织 / Create a party organization' },
  { name: 'UpdateOrganization', args: `id: ID!, version: Int!, input: OrganizationUpdateInput!, ${KEY}`, returns: 'Organization', description: '修改党组织（须回传读到的版本）/ Update an organization; send the version you read' },
  { name: 'MergeOrganization', args: `id: ID!, version: Int!, successorId: ID!, mergedOn: Date!, ${KEY}`, returns: 'Organization', description: '撤并到继任组织（保留历史）/ Merge an organization into its successor, keeping its history' },
  { name: 'DissolveOrganization', args: `id: ID!, version: Int!, dissolvedOn: Date!, ${KEY}`, returns: 'Organization', description: '撤销党组织 / Dissolve an organization' },
  { name: 'CreatePerson', args: `input: PersonInput!, ${KEY}`, returns: 'Person', description: '新建人员 / Create a person of this side' },
  { name: 'AppointToPost', args: `input: PostInput!, ${KEY}`, returns: 'Post', description: '任职（含对方人员的交叉任职）/ Appoint a person of either side to a post in this side\'s organization' },
  { name: 'EndPost', args: `id: ID!, version: Int!, endedOn: Date!, ${KEY}`, returns: 'Post', description: '离任 / End a post' },
  { name: 'RecordActivity', args: `input: ActivityInput!, ${KEY}`, returns: 'Activity', description: '登记活动 / Record an activity' },
  { name: 'RecordServiceCase', args: `input: ServiceCaseInput!, ${KEY}`, returns: 'ServiceCase', description: '登记川渝通办事项 / Record a service case' },
  { name: 'RecordFacility', args: `input: FacilityInput!, ${KEY}`, returns: 'Facility', description: '登记阵地 / Record a facility' },
  { name: 'RecordProject', args: `input: ProjectInput!, ${KEY}`, returns: 'Project', description: '登记项目 / Record a project' },
  { name: 'RecordTeam', args: `input: TeamInput!, ${KEY}`, returns: 'Team', description: '组建队伍 / Record a team' },
  { name: 'RecordTeamAction', args: `input: TeamActionInput!, ${KEY}`, returns: 'TeamAction', description: '登记队伍行动 / Record team actions' },
  { name: 'RecordTransportLink', args: `input: TransportLinkInput!, ${KEY}`, returns: 'TransportLink', description: '登记交通联通 / Record a road or transport link' },
  { name: 'RecordCivilizationRecord', args: `input: CivilizationRecordInput!, ${KEY}`, returns: 'CivilizationRecord', description: '登记文明创建记录 / Record a civilization record' },
  { name: 'RecordPairing', args: `input: PairingInput!, ${KEY}`, returns: 'Pairing', description: '登记包联 / Record a pairing' },
  { name: 'RecordGrid', args: `input: GridInput!, ${KEY}`, returns: 'Grid', description: '登记网格 / Record a grid' },
];

/** The side's root mutation fields, e.g. `sichuanCreateOrganization`, returning the side's own types. */
export function mutationTypeDefs(side: JurisdictionInfo): string {
  const fields = MUTATIONS.map(
    (m) => `  """${m.description}（${side.name}）"""\n  ${side.key}${m.name}(${m.args}): ${side.typePrefix}${m.returns}!`,
  );
  return `type Mutation {\n${fields.join('\n')}\n}`;
}
