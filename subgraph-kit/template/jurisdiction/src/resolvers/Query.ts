import { jurisdictionByKey } from '@linju/subgraph-kit';

const side = jurisdictionByKey('{{key}}')!;

export const Query = {
  {{key}}: () => ({ code: side.code }),
};
