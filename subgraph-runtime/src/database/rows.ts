/** A stored row with camelCase keys, dates as Date and decimals as numbers. */
export type Row = Record<string, unknown> & { id: string };

/** A column name as a row key: `founded_on` → `foundedOn`. */
export const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Raw queries return snake_case columns and Decimal objects; resolvers want plain values. */
export function toRow(raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(raw)) {
    row[camel(column)] = isDecimal(value) ? value.toNumber() : value;
  }
  return row as Row;
}

function isDecimal(value: unknown): value is { toNumber(): number } {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && typeof (value as { toNumber?: unknown }).toNumber === 'function';
}
