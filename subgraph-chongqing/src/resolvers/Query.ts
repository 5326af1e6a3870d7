import { jurisdictionByKey } from '@linju/subgraph-kit';

const side = jurisdictionByKey('chongqing')!;

export const Query = {
  chongqing: () => ({ code: side.code }),
};
