import { Writable } from 'node:stream';
import { createLogger } from '@linju/observability';
import { describe, expect, test } from 'vitest';
import { MEMBER_RECOVERY_QUIET_MS, MemberStates } from '../../src/health/memberStates.ts';

/** A member's lines as the operator reads them, over a clock the test moves (no waiting). */
function states() {
  const lines: { level: string; member?: string; reason?: string; was?: string; msg: string }[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  const clock = { now: 0 };
  const members = new MemberStates({ logger: createLogger('gateway', { level: 'info', destination }), now: () => clock.now });
  return { members, lines, clock };
}

describe('MemberStates: a reason that changes while the member is down', () => {
  test('timeout, then its database: the change is said once, not per request, and the line that it is back names database-down', () => {
    const { members, lines, clock } = states();
    members.down('sichuan', 'timeout');
    members.down('sichuan', 'timeout');
    for (let i = 0; i < 3; i++) members.down('sichuan', 'database-down');
    expect(lines.map(({ reason, was }) => ({ reason, was }))).toEqual([{ reason: 'timeout', was: undefined }, { reason: 'database-down', was: 'timeout' }]);
    expect(lines[1]!.msg).toMatch(/^the sichuan subgraph \(四川省\) is still unavailable, now because its store's database cannot be reached .*\(before: timeout\)$/);
    clock.now += MEMBER_RECOVERY_QUIET_MS;
    members.up('sichuan');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ reason: 'database-down', msg: expect.stringMatching(/is available again \(unavailable for 5 s: database-down\)$/) });
  });

  test('two replicas failing differently, turn about, say each reason once in the outage', () => {
    const { members, lines } = states();
    for (let i = 0; i < 10; i++) members.down('joint', i % 2 === 0 ? 'timeout' : 'unreachable');
    expect(lines.map((line) => line.reason)).toEqual(['timeout', 'unreachable']);
  });

  test('answering within the quiet after its last failure is not yet back; after it, once', () => {
    const { members, lines, clock } = states();
    members.down('chongqing', 'unreachable');
    clock.now += MEMBER_RECOVERY_QUIET_MS - 1;
    members.up('chongqing');
    expect(members.isDown('chongqing')).toBe(true);
    clock.now += 1;
    members.up('chongqing');
    members.up('chongqing');
    expect(lines.map((line) => line.level)).toEqual(['warn', 'info']);
    expect(members.isDown('chongqing')).toBe(false);
  });
});
