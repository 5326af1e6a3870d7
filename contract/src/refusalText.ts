/**
 * A refusal as a person reads it (a documents server's on the dashboard, the gateway's in the
 * ledger's exports and briefings): the Chinese part of its message (the API's
 * house style is `中文 / English`), cut before any English sentence it quotes (the gateway's own
 * wording, e.g. `无权读取党建联盟列表：Anonymous callers may read …` → `无权读取党建联盟列表`). A name
 * or two in Latin letters (LibreOffice, Word, PDF, .xlsx) is part of the Chinese advice and stays.
 * Null when nothing Chinese is left, for the caller's own sentence.
 */
export function refusalText(message: string): string | null {
  let text = message.split(' / ')[0]!.trim();
  // Three Latin words in a row: a sentence in English, not a product's name.
  const english = text.search(/[A-Za-z][\w'’.$"-]*(?:[ ,;]+[A-Za-z"$][\w'’.$"-]*){2,}/);
  if (english >= 0) {
    const cut = Math.max(...['：', ':', '，', '。', '（', '('].map((mark) => text.lastIndexOf(mark, english)));
    text = (cut > 0 ? text.slice(0, cut) : text.slice(0, english)).trim();
  }
  return /[\u4e00-\u9fff]/.test(text) ? text : null;
}
