import { describe, expect, test } from 'vitest';
import { hasHiddenCharacter, isUnstorable, storedPersonName } from '../src/text.ts';

describe('text no store can hold', () => {
  test.each([
    ['a NUL character', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
    ['a reversed pair', '\ude00\ud83d'],
  ])('%s', (_what, text) => expect(isUnstorable(text)).toBe(true));

  test('ordinary text, a surrogate pair and private use are storable', () => {
    for (const text of ['磨溪镇党委', 'emoji 👩‍👩‍👧', '\ue000', '']) expect(isUnstorable(text), text).toBe(false);
  });
});

describe('characters that hide, reorder or fake text', () => {
  test.each([
    ['a C0 control', 'a\u0007'],
    ['a C1 control', 'a\u0085'],
    ['a zero-width space', 'a\u200bb'],
    ['a zero-width joiner', 'a\u200db'],
    ['a right-to-left override', '\u202eabc'],
    ['a right-to-left isolate', '\u2067abc'],
    ['a byte-order mark', '\ufeffabc'],
    ['a soft hyphen', 'a\u00adb'],
    ['a tag character', 'a\u{E0041}b'],
    ['a line separator', 'a\u2028b'],
    ['a noncharacter', 'a\uffffb'],
    ['an unpaired surrogate', 'a\ud800'],
  ])('%s', (_what, text) => expect(hasHiddenCharacter(text)).toBe(true));

  test('names as offices write them pass: Chinese, a middle dot, a variation sequence, a rare character in private use', () => {
    for (const text of ['磨溪镇党委', '阿依古丽·买买提', '葛\u{E0100}', '\ue000', 'Ünïcödé café', '一 二']) expect(hasHiddenCharacter(text), text).toBe(false);
  });
});

describe('a person’s name as the store keeps it', () => {
  test.each([
    ['陈  刚', '陈刚'],
    ['何\u3000平', '何平'],
    [' 欧阳 娜娜 ', '欧阳娜娜'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽 · 买买提', '阿依古丽 · 买买提'],
    ['John Smith', 'John Smith'],
    ['张三 A', '张三 A'],
    ['陈 \ue000', '陈\ue000'], // a 生僻字 in private use
    ['\ue000 平', '\ue000平'],
    ['葛\u{E0100} 平', '葛\u{E0100}平'], // a variation sequence
  ])('%j → %j', (typed, stored) => expect(storedPersonName(typed)).toBe(stored));
});
