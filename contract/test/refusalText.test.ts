import { expect, test } from 'vitest';
import { refusalText } from '../src/refusalText.ts';

test('a documents refusal keeps its Chinese and never the English it quotes', () => {
  // What 导出联盟名单 said signed out (the ledger quotes the gateway's English refusal).
  const anonymous =
    '无权读取党建联盟列表：Anonymous callers may read only public aggregate figures (overview, jurisdictions, figures); Query.alliances, AllianceConnection.totalCount need a token.';
  expect(refusalText(anonymous)).toBe('无权读取党建联盟列表');
  expect(refusalText('登录已失效，请重新登录后再试。 / The token was refused; sign in again.')).toBe('登录已失效，请重新登录后再试。');
  expect(refusalText('第 3 行：类别“座谈”不在可选范围内')).toBe('第 3 行：类别“座谈”不在可选范围内');
  expect(refusalText('Internal server error')).toBeNull();
  expect(refusalText('Variable "$x" got invalid value')).toBeNull();
});

test("the documents server's own advice keeps the names in it (LibreOffice, Word, .xlsx)", () => {
  for (const advice of ['服务器未安装 LibreOffice，无法生成 PDF；请下载 Word 版本', 'PDF 转换失败，请下载 Word 版本', '不支持的文件类型“.xls”：请选择 .xlsx 文件'])
    expect(refusalText(advice)).toBe(advice);
});
