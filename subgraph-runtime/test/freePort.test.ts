import { describe, expect, it } from 'vitest';
import { freePort } from '../src/freePort.js';

describe('freePort', () => {
  it('never hands out the same port twice in one process, though none of them is bound', async () => {
    // The system offers a released port again: about one ask in ten here, without the memo.
    const ports: number[] = [];
    for (let i = 0; i < 1500; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });
});
