import { expect, test } from 'vitest';
import { chineseLabel } from '../src/index.ts';

test('a field is named by its description’s Chinese, without explanations, its unit kept', () => {
  expect(chineseLabel('类别（座谈交流、互派学习……）/ Kind')).toBe('类别');
  expect(chineseLabel('金额（万元）/ Amount (10k yuan)')).toBe('金额（万元）');
  expect(chineseLabel('联系电话：手机号或固定电话（个人信息，仅限本方操作员查看）/ Phone')).toBe('联系电话');
  expect(chineseLabel('公民身份号码（18 位；个人信息）/ Resident identity card number')).toBe('公民身份号码');
  expect(chineseLabel(undefined)).toBe('');
});
