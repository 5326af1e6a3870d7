import { committees, crossAppointments } from '@linju/border-seed';
import type { PersonRow, PostRow } from '@linju/border-seed';
import { organizations } from './organizations.ts';

/** Names the sources give: 隆兴明 became 书记 of 中兴场党总支 (seed 002). */
const KNOWN_NAMES: Record<string, string> = { 'tongtan-zhongxingchang-01': '隆兴明' };

const committee = committees('sichuan', organizations, KNOWN_NAMES);

/** Every organization's committee members (illustrative names unless a source names them). */
export const people: PersonRow[] = committee.people;

/** 书记 and 委员 posts, then the posts in Sichuan villages held by Chongqing committee members (交叉任职). */
export const posts: PostRow[] = [...committee.posts, ...crossAppointments('sichuan')];
