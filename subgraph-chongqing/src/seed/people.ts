import { committees, crossAppointments } from '@linju/border-seed';
import type { PersonRow, PostRow } from '@linju/border-seed';
import { organizations } from './organizations.ts';

const committee = committees('chongqing', organizations);

/** Every organization's committee members (illustrative names). */
export const people: PersonRow[] = committee.people;

/** 书记 and 委员 posts, then the posts in Chongqing villages held by Sichuan committee members (交叉任职). */
export const posts: PostRow[] = [...committee.posts, ...crossAppointments('chongqing')];
