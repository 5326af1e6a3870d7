import { DocumentsError } from './DocumentsError.ts';

/**
 * LibreOffice takes seconds of CPU and hundreds of MB for one briefing: the documents server runs
 * at most {@link RUNNING} conversions at once and lets {@link WAITING} more queue; past that a
 * request is answered 429 at once (the Word version needs no conversion and is not limited).
 */
export const RUNNING = 1;
export const WAITING = 3;

export class ConversionSlots {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly concurrent = RUNNING,
    private readonly waiting = WAITING,
  ) {}

  /** Runs `work` when a slot is free; refuses with 429 when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.queue.length >= this.waiting) {
        throw new DocumentsError(429, 'BUSY', '正在生成的 PDF 简报较多，请稍后重试，或先下载 Word 版本。 / Too many PDF conversions under way.');
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}
