/** One PEM block: its label (`CERTIFICATE`, `PRIVATE KEY`, `EC PRIVATE KEY` …) and its whole text. */
export interface PemBlock {
  label: string;
  text: string;
}

/** The PEM blocks of a text, in order: each from its BEGIN line to the END line of the same label. */
export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].map((match) => ({ label: match[1]!, text: match[0] }));
}

export const isCertificate = (block: PemBlock) => block.label === 'CERTIFICATE';
