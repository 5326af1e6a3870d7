import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { databaseUnavailableError, isDatabaseUnavailable } from '../src/database/databaseUnavailable.ts';
import { databaseErrorFormatter } from '../src/server/databaseErrorFormatter.ts';

/** Errors as Prisma 7 over @prisma/adapter-pg and pg raise them when PostgreSQL is down (seen with a stopped cluster). */
const prismaUnreachable = Object.assign(new Error('Invalid `prisma.organization.findMany()` invocation: Can\'t reach database server at 127.0.0.1:39721'), {
  code: 'P1001',
});
const rawQueryUnreachable = Object.assign(new Error('Raw query failed. Code: `N/A`.'), {
  code: 'P2010',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 39721 } } },
});
const terminated = Object.assign(new Error('Raw query failed. Code: `57P01`.'), {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01', message: 'terminating connection due to administrator command' } } },
});
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:39721'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
const checkViolation = Object.assign(new Error('Raw query failed. Code: `23514`.'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '23514' } } } });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['Prisma P1001', prismaUnreachable],
    ['a raw query the adapter found unreachable', rawQueryUnreachable],
    ['a connection an administrator shut down', terminated],
    ['pg refused', refused],
    ['pg\'s lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool checkout that timed out', new Error('timeout exceeded when trying to connect')],
    ['one wrapped by GraphQL', new GraphQLError('x', { originalError: new GraphQLError('audit', { originalError: refused }) })],
  ])('recognises %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a constraint the data broke', checkViolation],
    ['an input error', new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } })],
    ['anything else', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
  ])('does not take %s for an outage', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('databaseErrorFormatter', () => {
  it('answers DATABASE_UNAVAILABLE naming the store, keeping the path, and nothing of the driver', () => {
    const formatted = databaseErrorFormatter('chongqing')({ message: prismaUnreachable.message, path: ['chongqing', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } }, new GraphQLError('x', { originalError: prismaUnreachable }));
    expect(formatted).toEqual({ message: databaseUnavailableError('chongqing').message, path: ['chongqing', 'name'], extensions: { code: 'DATABASE_UNAVAILABLE', store: 'chongqing' } });
    expect(formatted.message).toContain('重庆市 (Chongqing Municipality)');
    expect(JSON.stringify(formatted)).not.toMatch(/127\.0\.0\.1|prisma/i);
  });

  it('passes any other error to the next formatter, or leaves it', () => {
    const other = { message: 'bad', extensions: { code: 'BAD_USER_INPUT' } };
    expect(databaseErrorFormatter('joint')(other, new Error('bad'))).toBe(other);
    expect(databaseErrorFormatter('joint', () => ({ message: 'masked' }))(other, new Error('bad'))).toEqual({ message: 'masked' });
  });
});
