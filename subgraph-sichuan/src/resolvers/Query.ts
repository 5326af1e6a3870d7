import { jurisdictionByKey } from '@linju/contract';

const side = jurisdictionByKey('sichuan')!;

export const Query = {
  sichuan: () => ({ code: side.code }),
};
