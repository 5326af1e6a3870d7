/**
 * Why an operator whose token names a region its side's store does not know can do nothing there (a
 * code mistyped when the account was made, 510904199; a city code the side does not hold, 510100):
 * in the words the store's refusals (rule `unknown-operator-region`) and the dashboard's 登记活动
 * panel both use. Browser-safe (`@linju/contract/operatorRegionText`); no closing mark, each caller
 * ends the sentence its own way.
 */
export const unknownOperatorRegionText = (sideName: string, code: string): string => `${sideName}没有代码为 ${code} 的行政区划，请联系管理员核对账号的区划`;
