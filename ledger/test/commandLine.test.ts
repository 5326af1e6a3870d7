import { describe, expect, test } from 'vitest';
import { parseCommandLine } from '../src/commandLine.ts';
import { LedgerError } from '../src/LedgerError.ts';

/** The ledger's commands read their options with parseCommandLine: a mistyped command line is one Chinese line, not Node's stack trace. */
describe('a command line', () => {
  const options = { period: { type: 'string' }, pdf: { type: 'boolean' } } as const;

  test('is read as parseArgs reads it', () => {
    expect(parseCommandLine({ options, args: ['--period', '2021-01-01..2021-06-30', '--pdf'] }).values).toEqual({ period: '2021-01-01..2021-06-30', pdf: true });
  });

  test.each([
    [['--bogus'], '没有选项“--bogus”；用 --help 查看用法。'],
    [['--period'], '选项“--period”的取值有误'],
    [['--pdf=yes'], '选项“--pdf”的取值有误'],
    [['2021-01-01..2021-06-30'], '多余的参数“2021-01-01..2021-06-30”'],
  ])('%j is refused in Chinese', (args, message) => {
    const refusal = (() => {
      try {
        parseCommandLine({ options, args });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(LedgerError);
    expect((refusal as LedgerError).message).toContain(message);
  });
});
