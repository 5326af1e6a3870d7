import { readFileSync } from 'node:fs';
import wasm from '@prisma/prisma-schema-wasm';
import type pg from 'pg';

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isRequired: boolean;
  isList: boolean;
  hasDefaultValue: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  fields: { name: string }[];
}

/** PostgreSQL's name for the column type Prisma maps a field to (`text[]` for a list of String). */
function expectedType(field: DmmfField): string {
  if (field.isList) return `${expectedType({ ...field, isList: false })}[]`;
  const native = field.nativeType?.[0];
  if (field.type === 'DateTime') return native === 'Date' ? 'date' : native === 'Timestamptz' ? 'timestamp with time zone' : 'timestamp without time zone';
  if (field.type === 'Decimal') return `numeric(${field.nativeType?.[1].join(',') ?? '65,30'})`;
  return ({ String: 'text', Json: 'jsonb', Int: 'integer', BigInt: 'bigint', Boolean: 'boolean', Float: 'double precision' } as Record<string, string>)[field.type] ?? field.type;
}

/**
 * Differences between a migrated store and its `schema.prisma`: missing or extra tables and
 * columns, column types, nullability and defaults, primary keys, indexes and foreign keys. The
 * migrations are hand-written SQL (Prisma's migration engine cannot be fetched here), so this is
 * what keeps them and the Prisma client honest with each other. Empty means they match.
 */
export async function compareStoreToSchema(pool: pg.Pool, schemaPath: string): Promise<string[]> {
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', readFileSync(schemaPath, 'utf8')]] }))) as {
    datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
  };
  const columns = (
    await pool.query<{ table_name: string; column_name: string; data_type: string; element_type: string | null; is_nullable: string; column_default: string | null; numeric_precision: number | null; numeric_scale: number | null }>(
      `SELECT c.table_name, c.column_name, c.data_type, e.data_type AS element_type, c.is_nullable, c.column_default, c.numeric_precision, c.numeric_scale
       FROM information_schema.columns c
       LEFT JOIN information_schema.element_types e ON e.object_catalog = c.table_catalog AND e.object_schema = c.table_schema
         AND e.object_name = c.table_name AND e.object_type = 'TABLE' AND e.collection_type_identifier = c.dtd_identifier
       WHERE c.table_schema = 'public' AND c.table_name NOT LIKE '\\_linju\\_%'`,
    )
  ).rows;
  const indexes = (
    await pool.query<{ table_name: string; columns: string[]; is_primary: boolean; is_unique: boolean }>(
      `SELECT t.relname AS table_name, array_agg(a.attname ORDER BY k.ord)::text[] AS columns, i.indisprimary AS is_primary, i.indisunique AS is_unique
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' GROUP BY t.relname, i.indexrelid, i.indisprimary, i.indisunique`,
    )
  ).rows;
  const foreignKeys = (
    await pool.query<{ table_name: string; columns: string[]; target: string }>(
      `SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS target,
              array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    )
  ).rows;

  const problems: string[] = [];
  const models = dmmf.datamodel.models;
  const tableOf = (model: string) => {
    const m = models.find((x) => x.name === model)!;
    return m.dbName ?? m.name;
  };
  const columnOf = (model: string, field: string) => {
    const f = models.find((x) => x.name === model)!.fields.find((x) => x.name === field)!;
    return f.dbName ?? f.name;
  };
  const sameColumns = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

  for (const model of models) {
    const table = tableOf(model.name);
    const tableColumns = columns.filter((c) => c.table_name === table);
    if (tableColumns.length === 0) {
      problems.push(`table ${table} (model ${model.name}) is missing`);
      continue;
    }
    const scalars = model.fields.filter((f) => f.kind !== 'object');
    for (const field of scalars) {
      const name = field.dbName ?? field.name;
      const column = tableColumns.find((c) => c.column_name === name);
      if (!column) {
        problems.push(`${table}.${name} (${model.name}.${field.name}) is missing`);
        continue;
      }
      const actualType =
        column.data_type === 'numeric' ? `numeric(${column.numeric_precision},${column.numeric_scale})` : column.data_type === 'ARRAY' ? `${column.element_type}[]` : column.data_type;
      if (actualType !== expectedType(field)) problems.push(`${table}.${name} is ${actualType}, schema.prisma says ${expectedType(field)}`);
      if ((column.is_nullable === 'NO') !== field.isRequired) problems.push(`${table}.${name} nullability differs from schema.prisma`);
      if ((column.column_default !== null) !== field.hasDefaultValue) problems.push(`${table}.${name} default differs from schema.prisma`);
    }
    for (const column of tableColumns) {
      if (!scalars.some((f) => (f.dbName ?? f.name) === column.column_name)) problems.push(`${table}.${column.column_name} is not in schema.prisma`);
    }
    for (const field of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
      const from = field.relationFromFields!.map((f) => columnOf(model.name, f));
      if (!foreignKeys.some((fk) => fk.table_name === table && fk.target === tableOf(field.type) && sameColumns(fk.columns, from))) {
        problems.push(`${table}(${from.join(', ')}) has no foreign key to ${tableOf(field.type)}`);
      }
    }
  }
  for (const index of dmmf.datamodel.indexes) {
    const table = tableOf(index.model);
    const wanted = index.fields.map((f) => columnOf(index.model, f.name));
    const found = indexes.some(
      (i) => i.table_name === table && sameColumns(i.columns, wanted) && (index.type !== 'id' || i.is_primary) && (index.type !== 'unique' || i.is_unique),
    );
    if (!found) problems.push(`${table} has no ${index.type} index on (${wanted.join(', ')})`);
  }
  // The other way round: an index the store has and schema.prisma does not name (a migration that
  // added one without its `@@index`, so a later reader of schema.prisma would not know it exists).
  const described = dmmf.datamodel.indexes.map((index) => ({ table: tableOf(index.model), columns: index.fields.map((f) => columnOf(index.model, f.name)) }));
  for (const index of indexes.filter((i) => !i.table_name.startsWith('_linju_'))) {
    if (!described.some((d) => d.table === index.table_name && sameColumns(d.columns, index.columns))) {
      problems.push(`${index.table_name} has an index on (${index.columns.join(', ')}) that schema.prisma does not describe`);
    }
  }
  const known = new Set(models.map((m) => tableOf(m.name)));
  for (const table of new Set(columns.map((c) => c.table_name))) {
    if (!known.has(table)) problems.push(`table ${table} is not in schema.prisma`);
  }
  return problems;
}
