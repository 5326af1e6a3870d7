import { expect, test } from 'vitest';
import { refuseParentKind } from '../src/mutations/organizationMutations.ts';
import { fieldLabel } from '@linju/contract/fieldLabels';

const refusal = (run: () => void): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
};

test('a parent-kind refusal leads its Chinese half with the field’s Chinese name (上级党组织, 类别), its English half and extensions.field with the API name', () => {
  const branch = { id: 'sichuan:Organization:b1', name: '白马村党支部', kind: '党支部' };
  expect(refusal(() => refuseParentKind(branch, '党支部'))).toMatch(/^上级党组织：党支部下不能设立下级党组织；“白马村党支部”（党支部）不能作为党支部的上级 \/ parentId sichuan:Organization:b1 is a 党支部/);
  expect(refusal(() => refuseParentKind(branch, '党支部', 'kind'))).toMatch(/^类别：党支部下不能设立下级党组织/);
  try {
    refuseParentKind(branch, '党委');
  } catch (error) {
    expect((error as { extensions: unknown }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId', rule: 'parent-kind' });
  }
});

test('a side’s write arguments are named by their descriptions where the writes agree; `id`, another record in each, keeps its API name', () => {
  expect([fieldLabel('successorId'), fieldLabel('mergedOn'), fieldLabel('dissolvedOn'), fieldLabel('endedOn'), fieldLabel('reason'), fieldLabel('id')]).toEqual(['承继组织', '撤并日期', '撤销日期', '离任日期', '撤销原因', 'id']);
});
