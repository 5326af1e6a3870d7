import { jurisdictionByKey } from '@linju/subgraph-kit';

const side = jurisdictionByKey('sichuan')!;

export const Query = {
  sichuan: () => ({ code: side.code }),
};
