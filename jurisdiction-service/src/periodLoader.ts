import DataLoader from 'dataloader';
import type { OverviewKey } from '@linju/contract';
import type { PeriodInput } from '@linju/contract';
import { aggregateCacheOf } from '@linju/subgraph-runtime';

/** An aggregate of a side over one period: the whole side, and each alliance that has records. */
export interface PeriodAggregate<T> {
  total: T;
  byAlliance: Map<string, T>;
}

/**
 * A DataLoader of a per-period aggregate by overview key (period and, optionally, alliance):
 * `load` runs once per distinct period in a batch, and every alliance of that period is read from
 * its one result, so the statement count does not grow with the alliances asked for. An alliance
 * with no records gets `empty()`. `load` is told the alliances the batch asks for in the period
 * (sorted, once each): an aggregate that costs more per alliance may compute only theirs.
 */
export function periodLoader<T>(load: (period: PeriodInput, allianceIds: string[]) => Promise<PeriodAggregate<T>>, empty: () => T, onBatch?: () => void): DataLoader<OverviewKey, T, string> {
  return new DataLoader<OverviewKey, T, string>(
    async (keys) => {
      onBatch?.();
      const periods = new Map<string, Promise<PeriodAggregate<T>>>();
      const periodOf = (key: OverviewKey) => JSON.stringify([key.from, key.to]);
      for (const key of keys) {
        if (periods.has(periodOf(key))) continue;
        const allianceIds = [...new Set(keys.filter((other) => other.allianceId && periodOf(other) === periodOf(key)).map((other) => other.allianceId!))].sort();
        periods.set(periodOf(key), load(key, allianceIds));
      }
      return Promise.all(
        keys.map(async (key) => {
          const aggregate = await periods.get(periodOf(key))!;
          return key.allianceId ? (aggregate.byAlliance.get(key.allianceId) ?? empty()) : aggregate.total;
        }),
      );
    },
    { cacheKeyFn: (key) => JSON.stringify([key.from, key.to, key.allianceId]) },
  );
}

/**
 * A `periodLoader` whose aggregates are kept in the store's aggregate cache (see `AggregateCache`):
 * a period's aggregate for the alliances asked is computed once and shared by the requests that
 * follow, until a write to the store commits. `name` tells this aggregate's entries from the others'.
 */
export function cachedPeriodLoader<T>(
  db: object,
  name: string,
  load: (period: PeriodInput, allianceIds: string[]) => Promise<PeriodAggregate<T>>,
  empty: () => T,
  onBatch?: () => void,
): DataLoader<OverviewKey, T, string> {
  const cache = aggregateCacheOf(db);
  return periodLoader((period, alliances) => cache.get(aggregateKey(name, period, alliances), () => load(period, alliances)), empty, onBatch);
}

/** The aggregate cache's key of an aggregate (`name`) of a period for the alliances asked. */
export const aggregateKey = (name: string, period: PeriodInput, alliances: readonly string[]): string => JSON.stringify([name, period.from ?? null, period.to ?? null, alliances]);
