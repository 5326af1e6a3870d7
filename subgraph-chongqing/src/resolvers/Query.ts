import { jurisdictionByKey } from '@linju/contract';

const side = jurisdictionByKey('chongqing')!;

export const Query = {
  chongqing: () => ({ code: side.code }),
};
