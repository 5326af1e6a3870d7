import { regionLevelName } from '@linju/contract';
import type { Row } from '@linju/subgraph-runtime';
import { jurisdiction, local, related, resolveReference } from './context.ts';

export const Region = {
  __resolveReference: resolveReference('Region'),
  // Stored as GB/T 2260's tier in English; read in Chinese, like an organization's level.
  level: (row: Row) => regionLevelName(row.level as string),
  levelCode: (row: Row) => row.level,
  parent: local('Region', 'parentId'),
  children: related('Region', 'parent_id'),
  jurisdiction,
};
