import { jurisdictionByKey } from '@linju/contract';

const side = jurisdictionByKey('{{key}}')!;

export const Query = {
  {{key}}: () => ({ code: side.code }),
};
