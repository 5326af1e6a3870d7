import { VOCABULARY } from '@linju/contract';
import { organizationColumn, textColumn } from './columns.ts';
import type { LedgerKind } from './LedgerKind.ts';

/**
 * 人员台账: one row per person of this side, written by `<side>CreatePerson`. Personal fields are checked by the store.
 * A row that is a person registered before (by 公民身份号码) is that person, corrected by `<side>UpdatePerson` on request.
 */
export const PEOPLE: LedgerKind = {
  kind: 'people',
  label: '人员',
  sheet: '人员台账',
  write: 'CreatePerson',
  update: 'UpdatePerson',
  list: 'people',
  regionField: 'organizationId',
  columns: [
    { ...textColumn('姓名', 'name', '姓名', true, 12), aliases: ['人员姓名', '党员姓名'] },
    { header: '性别', field: 'gender', type: 'text', required: false, vocabulary: VOCABULARY.gender, note: '从下拉列表中选择，可空', width: 8 },
    { ...organizationColumn('所在组织', 'organizationId', '所在党组织'), aliases: ['所在党组织', '所在党支部', '所属党组织', '所属党支部', '所属组织'] },
    { ...textColumn('联系电话', 'phone', '11 位手机号或带区号的固定电话，可空', false, 16), type: 'phone', aliases: ['电话', '电话号码', '手机', '手机号', '手机号码', '联系方式'] },
    { ...textColumn('公民身份号码', 'idCardNumber', '18 位，末位校验码须正确，可空', false, 22), type: 'digits', aliases: ['身份证号', '身份证号码', '公民身份证号码'] },
    { header: '出生日期', field: 'birthDate', type: 'date', required: false, note: '日期格式，如 1980-04-01；同时填写身份证号时须与其一致；可空', width: 14, aliases: ['出生年月日'] },
    { ...textColumn('住址', 'address', '住址，可空', false, 30), aliases: ['家庭住址', '现住址', '居住地址', '家庭地址', '地址'] },
  ],
};
