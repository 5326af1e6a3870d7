import { describe, expect, test } from 'vitest';
import { GATEWAY_URL_VARIABLE, gatewayUrlSetting } from '../src/index.ts';

/** One rule for every tool that asks a gateway: the documents server, npm run import | export | report, npm run reconcile. */
describe('where a tool reaches the gateway', () => {
  test('--gateway, else LINJU_GATEWAY_URL, else a command\'s older variable, else the gateway on this machine (PORT, else 4000)', () => {
    const env = { LINJU_GATEWAY_URL: 'http://10.0.0.21:4000/graphql', GATEWAY_URL: 'http://old:4000/graphql', PORT: '5000' };
    expect(GATEWAY_URL_VARIABLE).toBe('LINJU_GATEWAY_URL');
    expect(gatewayUrlSetting(env, ' http://given:4000/graphql ', ['GATEWAY_URL'])).toEqual({ url: 'http://given:4000/graphql', from: '--gateway' });
    expect(gatewayUrlSetting(env, undefined, ['GATEWAY_URL'])).toEqual({ url: 'http://10.0.0.21:4000/graphql', from: 'LINJU_GATEWAY_URL' });
    expect(gatewayUrlSetting({ ...env, LINJU_GATEWAY_URL: ' ' }, undefined, ['GATEWAY_URL'])).toEqual({ url: 'http://old:4000/graphql', from: 'GATEWAY_URL' });
    // Read only by the command that read it before.
    expect(gatewayUrlSetting({ GATEWAY_URL: 'http://old:4000/graphql', PORT: '5000' })).toEqual({ url: 'http://127.0.0.1:5000/graphql', from: 'the default' });
    expect(gatewayUrlSetting({}, '')).toEqual({ url: 'http://127.0.0.1:4000/graphql', from: 'the default' });
  });
});
