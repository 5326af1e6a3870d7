import { day } from '@linju/border-seed';
import { gid } from '@linju/border-seed';
import { townRegionId } from '@linju/border-seed';
import type { TransportLinkRow } from '@linju/border-seed';
import { deadEndRoads } from '@linju/border-seed';
import { CHONGQING } from './regions.ts';

export const transportLinks: TransportLinkRow[] = [
  // Seed 000, first half of 2021: Chongqing's share of 27 dead-end roads, 23.75 km.
  ...deadEndRoads(CHONGQING, { count: 13, km: 11.35 }),
  // The first Suining–Tongnan fast road, 潼南双江 to 玉溪 (opening day illustrative, length not given).
  {
    id: gid('chongqing', 'TransportLink', 'fast-road-shuangjiang-yuxi'),
    kind: '快捷通道',
    name: '遂潼快捷通道潼南双江至玉溪段',
    fromRegionId: townRegionId('chongqing', 'shuangjiang'),
    toRegionId: townRegionId('chongqing', 'yuxi'),
    lengthKm: 0,
    openedOn: day('2021-06-18'),
    allianceId: null,
  },
];
