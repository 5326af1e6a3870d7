import { RECORD_IDENTITIES } from '@linju/contract';
import { countColumn, organizationColumn, personColumn, regionColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/** 网格台账: one row per grid, written by `<side>RecordGrid`. Grids carry no date. */
export const GRIDS: LedgerKind = {
  kind: 'grids',
  label: '网格',
  sheet: '网格台账',
  write: 'RecordGrid',
  list: 'grids',
  regionField: 'regionId',
  // A record as the clerk knows it (名称、所在区划): a row of it with other values is a correction, refused (sameRecords.ts).
  identity: RECORD_IDENTITIES.Grid,
  columns: [
    { ...textColumn('名称', 'name', '网格名称，如“磨溪社区第一网格”'), aliases: ['网格名称'] },
    { ...organizationColumn('所属组织', 'organizationId', '所属党组织'), aliases: ['所属党组织', '网格党组织', '所属党支部'] },
    { ...regionColumn('所在区划', 'regionId', '所在地'), aliases: ['所在地', '所属区划', '所属村（社区）', '所在村（社区）'] },
    { ...countColumn('户数', 'households', '网格内户数', { required: true }), aliases: ['网格户数', '住户数', '管辖户数'] },
    { ...personColumn('网格员', 'responsibleId', '网格员（党员）', false), aliases: ['网格员姓名', '专职网格员', '网格责任人'] },
  ],
};
