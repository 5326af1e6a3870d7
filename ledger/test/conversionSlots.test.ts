import { expect, test } from 'vitest';
import { ConversionSlots } from '../src/server/conversionSlots.ts';
import { DocumentsError } from '../src/server/DocumentsError.ts';

test('one conversion runs, three wait in order, the fifth is refused 429 at once; a slot freed goes to the next', async () => {
  const slots = new ConversionSlots(1, 3);
  const started: number[] = [];
  const finish: (() => void)[] = [];
  const job = (n: number) => () => new Promise<number>((resolve) => (started.push(n), finish.push(() => resolve(n))));
  const runs = [1, 2, 3, 4].map((n) => slots.run(job(n)));
  await Promise.resolve();
  expect(started).toEqual([1]);
  const refused = await slots.run(job(5)).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(DocumentsError);
  expect(refused).toMatchObject({ status: 429, code: 'BUSY' });
  expect((refused as Error).message).toMatch(/请稍后重试/);
  for (let i = 0; i < 4; i++) {
    finish[i]!();
    await runs[i];
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(started).toEqual([1, 2, 3, 4]);
  await expect(Promise.all(runs)).resolves.toEqual([1, 2, 3, 4]);
  // A failed conversion frees its slot too.
  await expect(slots.run(() => Promise.reject(new Error('soffice died')))).rejects.toThrow('soffice died');
  await expect(slots.run(async () => 'next')).resolves.toBe('next');
});
