import { parentKindReason, VOCABULARY } from '@linju/contract';
import { dateColumn, organizationColumn, regionColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/**
 * 党组织台账 (the list of party organizations an organization department keeps): one row per
 * organization, written by `<side>CreateOrganization`. Its 上级党组织 may name an organization listed
 * in the same file (a town's committee, then its branches): the import writes such rows in waves, a
 * row once its parent is written (`importWaves.ts`). No `dateField`: the list's period is an
 * organization's life, not its founding day, so the single-write path reads every organization.
 */
export const ORGANIZATIONS: LedgerKind = {
  kind: 'organizations',
  label: '党组织',
  sheet: '党组织台账',
  write: 'CreateOrganization',
  list: 'organizations',
  regionField: 'regionId',
  columns: [
    { ...textColumn('组织名称', 'name', '党组织的全称，如“白马村党支部”；同一上级组织下（无上级的，同一区划的顶级组织中）不得与未撤销的组织重名'), aliases: ['党组织名称', '组织全称', '党组织全称', '党组织'] },
    { header: '组织类别', field: 'kind', type: 'text', required: true, vocabulary: VOCABULARY.organizationKind, note: '从下拉列表中选择', width: 10, aliases: ['类别', '组织类型', '党组织类别', '党组织类型'] },
    { header: '层级', field: 'level', type: 'text', required: true, vocabulary: VOCABULARY.organizationLevel, note: '从下拉列表中选择', width: 10, aliases: ['组织层级', '所属层级', '党组织层级'] },
    {
      ...organizationColumn('上级党组织', 'parentId', '上级党组织', false),
      reference: {
        list: 'organizations',
        live: true,
        // Within the operator's region or above it (a town's committee under the district's).
        beyondRegion: true,
        sameFile: 'name',
        // The store's rule (CHILD_ORGANIZATION_KINDS), for a parent of the file: a 党支部 leads no organization, a 党总支 only 党支部.
        fitsUnder: (input, parent) => parentKindReason({ name: String(parent.name), kind: String(parent.kind) }, String(input.kind)),
      },
      note: '上级党组织的全称（须与系统中的名称一致且唯一，或为本文件中前面或后面某一行的组织名称：先导入上级，再导入下级），或其全局 ID；可在操作员所属区划内或其上级；党委可领导党委、党总支和党支部，党总支只能领导党支部，党支部下不能设立下级党组织；顶级组织可空',
      aliases: ['上级组织', '上级党委', '上级党组织名称', '隶属党组织', '所属上级党组织'],
      // A clerk's list of branches without it would be imported as top-level organizations, the tree lost.
      whenAbsent: '整列缺少时各行都会作为没有上级的顶级组织导入，所以不导入；请加上这一列，顶级组织在这一列留空',
    },
    { ...regionColumn('所在行政区划', 'regionId', '所在行政区划'), aliases: ['行政区划', '所在地区', '所属地区', '所在区划', '所属区划', '所属行政区划', '所在地'] },
    { ...dateColumn('成立日期', 'foundedOn', '不得晚于今天，不早于上级党组织成立，上级党组织须未撤销'), aliases: ['成立时间', '组建日期', '组建时间'] },
  ],
  // 类型 may be the organization's kind (党支部) or its level (村); 名称 the organization's or its parent's.
  ambiguousHeaders: { 类型: ['组织类别', '层级'], 组织级别: ['组织类别', '层级'], 名称: ['组织名称', '上级党组织'] },
};
