/**
 * A documents server's refusal as the page shows it: the Chinese part of its message (the API's
 * house style is `中文 / English`), cut before any English it quotes (the gateway's own wording, e.g.
 * `无权读取党建联盟列表：Anonymous callers may read …` → `无权读取党建联盟列表`). Null when nothing
 * Chinese is left, for the caller's own sentence.
 */
export function refusalText(message: string): string | null {
  let text = message.split(' / ')[0]!.trim();
  const english = text.search(/[A-Za-z]{3,}/);
  if (english >= 0) {
    const cut = Math.max(...['：', ':', '，', '。', '（', '('].map((mark) => text.lastIndexOf(mark, english)));
    text = cut > 0 ? text.slice(0, cut).trim() : '';
  }
  return /[\u4e00-\u9fff]/.test(text) ? text : null;
}
