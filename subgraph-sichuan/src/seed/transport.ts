import { day } from '@linju/border-seed';
import { gid } from '@linju/border-seed';
import { townRegionId } from '@linju/border-seed';
import type { TransportLinkRow } from '@linju/border-seed';
import { deadEndRoads } from '@linju/border-seed';
import { SICHUAN } from './regions.ts';

export const transportLinks: TransportLinkRow[] = [
  // Seed 000, first half of 2021: Sichuan's share of 27 dead-end roads, 23.75 km.
  ...deadEndRoads(SICHUAN, { count: 14, km: 12.4 }),
  // The first cross-province rural bus line, 安居 ↔ 崇龛镇 (opening day illustrative, length not given).
  {
    id: gid('sichuan', 'TransportLink', 'bus-anju-chongkan'),
    kind: '客运班线',
    name: '安居—崇龛跨省农村客运班线',
    fromRegionId: gid('sichuan', 'Region', 'anju-district'),
    toRegionId: townRegionId('chongqing', 'chongkan'),
    lengthKm: 0,
    openedOn: day('2021-05-20'),
    allianceId: null,
  },
];
