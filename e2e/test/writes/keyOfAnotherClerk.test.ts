import { afterAll, beforeAll, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { startFederation, type Federation } from '@linju/testing';
import { dataOf, expectRefused, loadFixtures, newKey, todayInChina, type SideFixtures } from './writeSupport.ts';

/**
 * An idempotency key is its sender's. Clerk B sending clerk A's request with A's key is told that
 * another operator already used the key for the same content, not that the content differs; a key
 * met with other content says that; neither names the key (a UUID the clerk never typed).
 */

let federation: Federation;
let sichuan: SideFixtures;
beforeAll(async () => {
  federation = await startFederation();
  sichuan = (await loadFixtures(federation)).sichuan;
});
afterAll(() => federation?.stop());

const RECORD = `mutation ($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id } }`;
const clerk = async (subject: string) => ({ as: { authorization: `Bearer ${await mintDevToken(federation.devKeys, 'sichuan-operator', subject, '1h', { name: subject })}` } });
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}/;

test('clerk B sending clerk A’s identical request with A’s key: another operator used it, nothing written', async () => {
  const input = { kind: '座谈交流', title: '幂等键测试座谈', heldOn: todayInChina(), organizerId: sichuan.town.id, sessions: 1 };
  const key = newKey();
  dataOf(await federation.query(RECORD, { input, key }, await clerk('clerk-a')));
  const error = await expectRefused(federation, async () => federation.query(RECORD, { input, key }, await clerk('clerk-b')), {
    code: 'IDEMPOTENCY_KEY_REUSED',
    rule: 'another-sender',
    message: /^另一位操作员已用此幂等键提交过内容相同的请求，本次未写入/,
  });
  expect(error.message.split(' / ')[0]).not.toMatch(UUID);
  const other = await expectRefused(federation, async () => federation.query(RECORD, { input: { ...input, sessions: 2 }, key }, await clerk('clerk-a')), {
    code: 'IDEMPOTENCY_KEY_REUSED',
    rule: 'other-request',
    message: /^此幂等键已用于另一项内容不同的请求，本次未写入/,
  });
  expect(other.message.split(' / ')[0]).not.toMatch(UUID);
  // Clerk A's retry is still answered with the first write.
  dataOf(await federation.query(RECORD, { input, key }, await clerk('clerk-a')));
});
