import { GraphQLError } from 'graphql';
import { homeName, JURISDICTIONS, ownerOfHome } from '@linju/contract';
import { unknownOperatorRegionText } from '@linju/contract/operatorRegionText';
import { operatorJurisdiction, operatorRole, type Caller, type Role } from './caller.ts';
import type { OperationFields } from './operationFields.ts';

/**
 * The owner's rules: who may do what with a store's data. Each subgraph applies them to its own
 * data (the gateway only says who asks):
 *
 * | caller                | writes                         | reads                                                  |
 * |-----------------------|--------------------------------|--------------------------------------------------------|
 * | `<side>-operator`     | its own side's mutations, for records within its region | everything; personal data of its own side's people within its region |
 * | `joint-operator`      | the joint office's mutations   | everything but personal data                           |
 * | `viewer`              | nothing                        | everything but personal data                           |
 * | `anonymous` (no token)| nothing                        | public aggregate figures only (`PUBLIC_FIELDS`)        |
 *
 * A side's operator carries a region (`Caller.region`, a GB/T 2260 code of that side): the owner
 * refuses a write whose record lies outside that region's subtree (`outsideRegion`, rule
 * `outside-region`) and hides personal data of people outside it; the province's code keeps the
 * whole side. Which region a record lies in is the owner's rule (jurisdiction-service `regionScope`).
 * A refused write or an anonymous request for anything not public is refused whole, before any
 * resolver runs; personal data read by anyone but the owning operator resolves to null with a
 * FORBIDDEN error on that field, and the rest of the answer stays.
 */

/** Fields of the contract's interfaces that are personal data, readable only by the owning side's operators. */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Person: ['phone', 'idCardNumber', 'birthDate', 'address'],
};

/** A store's name for people: `Sichuan`, `Chongqing`, `the joint office`. */
export function storeName(home: string): string {
  return ownerOfHome(home)?.nameEn ?? home;
}

/** A role as a clerk reads it: 查看者, 四川省操作员, 遂潼联合办公室操作员, 未登录. */
export function roleNameZh(role: Role): string {
  if (role === 'viewer') return '查看者';
  if (role === 'anonymous') return '未登录';
  const home = /^(.+)-operator$/.exec(role)?.[1];
  return home ? `${homeName(home)}操作员` : role;
}

/** A store's records are written by its own operator and nobody else (the joint office's too). */
export function mayWrite(caller: Caller, home: string): boolean {
  return caller.role === operatorRole(home);
}

/** Personal data is read by the operators of the side that holds it and nobody else. */
export function mayReadPersonalData(caller: Caller, home: string): boolean {
  return caller.role === operatorRole(home);
}

const FIGURE_TYPES = ['Period', 'AllianceFigures', 'AllianceKindCount', 'AgreementFigures', 'JurisdictionFigures', 'FigureValue', 'ActivityMonth', 'ServiceCaseKindFigures', 'FigureTarget'];
const JURISDICTION_FIELDS = ['code', 'key', 'name', 'figures', 'activitiesByMonth', 'serviceCasesByKind', 'dataAsOf'];

/**
 * What an anonymous caller may read, by field coordinate (`*`: every field of the type): the
 * joint overview with its figures, each side's part and the total, for any period and alliance
 * (`Query.overview(period, allianceId)`), each jurisdiction's code, key, name, figures and their
 * breakdowns by month and kind (`Query.sichuan`, `Query.jurisdictions`), each store's `dataAsOf`
 * (when it last changed), and the joint office's published targets (`Query.figureTargets`). Not the overview's `alliance` nor `Alliance.overview`:
 * alliances are records, not figures, so an anonymous caller asks `overview(allianceId: …)`.
 * `Query._entities` is how the gateway fetches a side's part of the overview or a jurisdiction's
 * figures; its representations must be of `PUBLIC_ENTITY_TYPES`.
 */
export const PUBLIC_FIELDS: Readonly<Record<string, '*' | readonly string[]>> = {
  Query: ['overview', 'jurisdictions', 'figureTargets', ...JURISDICTIONS.map((j) => j.key), '_entities'],
  JointOverview: ['id', 'period', 'alliances', 'agreements', 'total', 'dataAsOf', ...JURISDICTIONS.map((j) => j.key)],
  ...Object.fromEntries(FIGURE_TYPES.map((type) => [type, '*' as const])),
  Jurisdiction: JURISDICTION_FIELDS,
  ...Object.fromEntries(JURISDICTIONS.map((j) => [`${j.typePrefix}Jurisdiction`, JURISDICTION_FIELDS])),
};

/** The entity types whose representations an anonymous request may send to `_entities`. */
export const PUBLIC_ENTITY_TYPES: readonly string[] = ['JointOverview', ...JURISDICTIONS.map((j) => `${j.typePrefix}Jurisdiction`)];

/** Whether anonymous callers may read a field (`Type.field`). Meta fields (`__typename`, introspection) are not data. */
export function isPublicField(coordinate: string): boolean {
  const [type, field] = coordinate.split('.') as [string, string];
  if (type.startsWith('__') || field.startsWith('__')) return true;
  const allowed = PUBLIC_FIELDS[type];
  return allowed === '*' || (allowed?.includes(field) ?? false);
}

/**
 * What of an operation an anonymous caller may not read: its non-public field coordinates, the
 * selections the schema does not know, and `_entities` of types that are not public. Empty: the
 * operation reads public aggregate figures only (so its answer is the same for every caller).
 */
export function nonPublicSelections(fields: OperationFields): string[] {
  return [
    ...[...fields.coordinates].filter((coordinate) => !isPublicField(coordinate)),
    ...fields.unknown,
    ...[...fields.entityTypes].filter((type) => !PUBLIC_ENTITY_TYPES.includes(type)).map((type) => `_entities of ${type}`),
  ];
}

/**
 * FORBIDDEN, with the role refused. Sent with HTTP 200 like any other GraphQL error, so the gateway
 * passes the message and code on to the client instead of a bare "403: Forbidden".
 */
export function forbiddenError(message: string, role: Role, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', role, ...extensions, http: { status: 200 } } });
}

/**
 * What a refused write says it left, at the end of its message. One row of an import refused says
 * instead that the row was not written ({@link asRowRefusal}): other rows of its call may have been.
 */
export const NOTHING_CHANGED = { zh: '未作任何更改', en: 'Nothing was changed.' } as const;
export const ROW_NOT_WRITTEN = { zh: '本行未写入', en: 'This row was not written.' } as const;

/** A refusal's message as one row of an import reads it: {@link NOTHING_CHANGED} made {@link ROW_NOT_WRITTEN}. */
export const asRowRefusal = (message: string): string => message.replaceAll(NOTHING_CHANGED.zh, ROW_NOT_WRITTEN.zh).replaceAll(NOTHING_CHANGED.en, ROW_NOT_WRITTEN.en);

/** A write refused: the role, the mutation fields and who may write this store; an anonymous caller is asked to sign in as one. */
export function writeForbidden(caller: Caller, home: string, fields: readonly string[], operationName?: string): GraphQLError {
  // The gateway names its fetch after the client's operation: `CreateAlliance__joint__0`.
  const clientOperation = operationName?.replace(/__[a-z][a-z0-9-]*__\d+$/, '');
  const what = `${fields.join(', ')}${clientOperation ? ` (operation ${clientOperation})` : ''}`;
  // Someone not signed in is asked to sign in, as the operator who may write.
  const who = caller.role === 'anonymous' ? `未登录时不能写入${homeName(home)}的记录：请以${homeName(home)}的操作员身份登录` : `当前账号（${roleNameZh(caller.role)}）无权写入${homeName(home)}的记录：只有${homeName(home)}的操作员能写入`;
  return forbiddenError(
    `${who}，${NOTHING_CHANGED.zh}。` +
      ` / Role ${caller.role} may not run ${what}: ${storeName(home)}'s records are written only by ${operatorRole(home)}. ${NOTHING_CHANGED.en}`,
    caller.role,
    { fields, operator: operatorRole(home) },
  );
}

/** An anonymous request for data that is not public: names every field refused. */
export function anonymousForbidden(fields: readonly string[]): GraphQLError {
  const shown = fields.length > 10 ? `${fields.slice(0, 10).join(', ')} and ${fields.length - 10} more` : fields.join(', ');
  return forbiddenError(
    `未登录时只能查看公开的汇总数字（联合概览及各方的名称与数字），请先登录 / Anonymous callers may read only public aggregate figures (the joint overview, and each jurisdiction's code, key, name and figures); ${shown} need${fields.length === 1 ? 's' : ''} a token.`,
    'anonymous',
    { fields },
  );
}

/**
 * A personal field as its refusal names it: the clerk reads its Chinese name (`label`, the one its
 * schema description gives: 联系电话), the engineer its schema coordinate (`SichuanPerson.phone`).
 */
export interface PersonalField {
  coordinate: string;
  label: string;
}

/** Personal data read by anyone but the owning side's operators. */
export function personalDataForbidden(caller: Caller, home: string, field: PersonalField): GraphQLError {
  return forbiddenError(
    `${field.label}是个人信息，仅限${homeName(home)}的操作员查看 / ${field.coordinate} is personal data, readable only by ${operatorRole(home)}; role ${caller.role} may not read it.`,
    caller.role,
    { field: field.coordinate },
  );
}

/** A region as a refusal names it: its GB/T 2260 code and, when the store knows it, its name. */
export interface NamedRegion {
  code: string;
  name: string | null;
}

const regionText = (region: NamedRegion) => (region.name ? `${region.name}（${region.code}）` : region.code);

/**
 * What lies outside the operator's region in a refused write: the record written (该记录, the
 * default), or a record it names (上级党组织, 转入的党组织), in Chinese; in English, that record.
 */
export interface OutsideWhat {
  zh: string;
  en: string;
}

/** Whether the operator's region is a code the store does not know (a token without a region is not). */
const unknownRegion = (region: NamedRegion): boolean => region.name === null && region.code !== '';

/** The two halves of a refusal's words, Chinese and English. */
interface Words {
  zh: string;
  en: string;
}

/**
 * The refusal of an operator whose region the store does not know (`NamedRegion.name` null): such a
 * region covers nothing, so every write and every person's personal data is refused, and the clerk
 * is told that the account's region is wrong (rule `unknown-operator-region`, the words of
 * `unknownOperatorRegionText`), not that the record lies outside it. `lead` is what the refusal says
 * first (the personal field refused), `tail` how it ends (未作任何更改).
 */
function unknownOperatorRegion(caller: Caller, code: string, lead: Words, tail: Words, extensions: Record<string, unknown> = {}): GraphQLError {
  const side = operatorJurisdiction(caller.role);
  return forbiddenError(
    `${lead.zh}${unknownOperatorRegionText(side ? homeName(side.key) : '本方', code)}${tail.zh}。` +
      ` / ${lead.en}The token's region ${code} is not a region of ${side ? storeName(side.key) : 'this side'}'s store and covers nothing there: ask an administrator to check the account's region.${tail.en}`,
    caller.role,
    { ...extensions, rule: 'unknown-operator-region', operatorRegion: code },
  );
}

/**
 * The refusal of a write by an operator whose region (`code`) the store does not know (rule
 * `unknown-operator-region`): the same whatever the record, so a store may give it before it looks at
 * anything the write names (`wholeCallerRefusal` in jurisdiction-service's `regionScope.ts`).
 */
export function unknownOperatorRegionWrite(caller: Caller, code: string): GraphQLError {
  return unknownOperatorRegion(caller, code, { zh: '', en: '' }, { zh: `；${NOTHING_CHANGED.zh}`, en: ` ${NOTHING_CHANGED.en}` });
}

/**
 * A write refused because its record, or a record it names, lies outside the operator's region (rule
 * `outside-region`): names both regions and what lies outside, in Chinese for the clerk who reads it
 * and in English for the log. An operator region the store does not know is refused as such
 * (`unknownOperatorRegion`).
 */
export function outsideRegion(caller: Caller, operatorRegion: NamedRegion, recordRegion: NamedRegion, what: OutsideWhat = { zh: '该记录', en: 'this record' }): GraphQLError {
  if (unknownRegion(operatorRegion)) return unknownOperatorRegionWrite(caller, operatorRegion.code);
  return forbiddenError(
    `${regionText(operatorRegion)}的操作员只能写入本区划内的记录，${what.zh}属于${regionText(recordRegion)}，${NOTHING_CHANGED.zh}。` +
      ` / An operator of ${regionText(operatorRegion)} may write only records within that region; ${what.en} lies in ${regionText(recordRegion)}. ${NOTHING_CHANGED.en}`,
    caller.role,
    {
      rule: 'outside-region',
      operatorRegion: operatorRegion.code,
      operatorRegionName: operatorRegion.name,
      recordRegion: recordRegion.code,
      recordRegionName: recordRegion.name,
    },
  );
}

/**
 * Personal data of a person outside a region-scoped operator's region: the clerk reads the field
 * and their own region by name (磨溪镇), the engineer the coordinate and the code; a region the store
 * does not know is refused as such (`unknownOperatorRegion`).
 */
export function personalDataOutsideRegion(caller: Caller, field: PersonalField, operatorRegion: NamedRegion): GraphQLError {
  if (unknownRegion(operatorRegion)) {
    const lead = { zh: `${field.label}是个人信息，仅限此人所在区划的操作员查看；`, en: `${field.coordinate} is personal data, readable only by operators whose region covers the person. ` };
    return unknownOperatorRegion(caller, operatorRegion.code, lead, { zh: '', en: '' }, { field: field.coordinate });
  }
  const regionEn = operatorRegion.name ? `${operatorRegion.code} (${operatorRegion.name})` : operatorRegion.code || 'no region';
  return forbiddenError(
    `${field.label}是个人信息，仅限此人所在区划的操作员查看；${operatorRegion.name ?? operatorRegion.code}的操作员不能查看此人的${field.label}。` +
      ` / ${field.coordinate} is personal data, readable only by operators whose region covers the person; an operator of ${regionEn} may not read it.`,
    caller.role,
    { field: field.coordinate, rule: 'outside-region', operatorRegion: caller.region ?? null, operatorRegionName: operatorRegion.name },
  );
}
