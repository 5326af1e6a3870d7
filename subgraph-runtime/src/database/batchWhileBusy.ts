/** One item waiting in a {@link batchWhileBusy} queue, with how to answer its asker. */
export interface Waiting<Item, Answer> {
  readonly item: Item;
  answer(value: Answer): void;
  fail(error: unknown): void;
}

/**
 * Group commit: the first item is sent at once; those that arrive while a send is under way wait
 * for it and go together in the next send, at most `max` at a time, in their order. `send` answers
 * or fails each item of its batch; should it throw, every item of the batch fails with that error,
 * and the items queued meanwhile are sent next. The audit log's entries (`AuditAppender`) and the
 * caller-statement claims (`storeStatementClaims`) go to the store this way.
 */
export function batchWhileBusy<Item, Answer>(max: number, send: (batch: Waiting<Item, Answer>[]) => Promise<void>): (item: Item) => Promise<Answer> {
  const queue: Waiting<Item, Answer>[] = [];
  let sending = false;
  const flush = async () => {
    sending = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, max);
        await send(batch).catch((error: unknown) => {
          for (const waiting of batch) waiting.fail(error);
        });
      }
    } finally {
      sending = false;
    }
  };
  return (item) =>
    new Promise<Answer>((answer, fail) => {
      queue.push({ item, answer, fail });
      if (!sending) void flush();
    });
}
