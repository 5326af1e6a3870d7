/**
 * A count's rule in words, from its least value (the column's `min`, which the store's `MIN` in `@linju/contract/writeLimits`
 * gives it): 非负整数, 正整数 (场次), 不小于 N 的整数. The column's note in the template and the 说明, the template's check and the
 * refusal of a cell that is no such number (“1.5”不是正整数) all say it from here.
 */
export const wholeNumberRule = (min = 0): string => (min === 0 ? '非负整数' : min === 1 ? '正整数' : `不小于 ${min} 的整数`);
