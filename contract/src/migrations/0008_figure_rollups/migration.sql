-- Figures from rollups kept by the writes (issue 17). Every figure of the catalogue
-- (contract/src/figures/figureCatalogue.ts) per day, for the whole side and per alliance; a
-- period's figures are the sums of its days (jurisdiction-service's figures.ts), so an overview
-- reads a few thousand rows whatever the number of records. A ratio keeps its weighted sum
-- (value × weight of each record); its weight is the weighting figure's row.
--
-- The triggers that keep them, and the backfill, are generated from the catalogue at start
-- (contract/src/figures/figureRollupSql.ts): `contractMigrations` adds them as the migration
-- `0008_figure_rollups_<hash of the generated SQL>` right after this one, so a figure added to the
-- catalogue brings a new one, which replaces the triggers and rebuilds both tables. They run as
-- the owner (SECURITY DEFINER): the runtime role only reads these tables (grantRuntime.ts).
-- `npm run figures:verify` recomputes every figure per day from the records and compares.
--
-- The `_linju_` prefix keeps them out of the Prisma schemas (compareStoreToSchema): no client
-- reads them as records.
CREATE TABLE _linju_figure_day (
  figure text NOT NULL,
  day    date NOT NULL,
  value  numeric NOT NULL,
  PRIMARY KEY (day, figure)
);

CREATE TABLE _linju_figure_alliance_day (
  figure      text NOT NULL,
  alliance_id text NOT NULL,
  day         date NOT NULL,
  value       numeric NOT NULL,
  PRIMARY KEY (alliance_id, day, figure)
);
