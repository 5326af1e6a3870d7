import type { RegionNames } from '@linju/sign-in';
import type { OperatorRegion } from '../record/findOperatorRegion.ts';
import type { RecordingOperator } from '../record/recordingOperator.ts';

/** Finds an operator's region through the gateway: `findOperatorRegion` with the page's token. */
export type FindRegion = (operator: RecordingOperator) => Promise<OperatorRegion>;

/**
 * The regions the page's tokens name, found through the gateway once per side and code: a token
 * names its region by code only (510904101), the header names it (磨溪镇), and the 登记活动 panel
 * needs its ID. Both ask here, so the side's `regions` are read once. A lookup that failed (a store
 * down, the gateway unreachable) is forgotten, so the next one asks again.
 */
export class OperatorRegions {
  readonly #find: FindRegion;
  readonly #asked = new Map<string, Promise<OperatorRegion>>();
  readonly #names = new Map<string, string>();

  constructor(find: FindRegion) {
    this.#find = find;
  }

  /** The names found so far, by code: what the header shows in place of a code. */
  get names(): RegionNames {
    return this.#names;
  }

  /** The operator's region; asked of the gateway once (again only after a failure). */
  find(operator: RecordingOperator): Promise<OperatorRegion> {
    const key = `${operator.side}:${operator.region}`;
    let found = this.#asked.get(key);
    if (!found) {
      found = this.#find(operator).then(
        (answer) => {
          if (answer.ok && answer.region) this.#names.set(operator.region, answer.region.name);
          else if (!answer.ok) this.#asked.delete(key);
          return answer;
        },
        (error: unknown) => {
          this.#asked.delete(key);
          throw error;
        },
      );
      this.#asked.set(key, found);
    }
    return found;
  }
}
