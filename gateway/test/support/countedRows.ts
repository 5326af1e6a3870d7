/** Import rows (`{ title }`) whose field counts how often it is read: coercing variables that hold them reads each once. */
export function countedRows(n: number): { rows: object[]; reads: () => number } {
  let reads = 0;
  const rows = Array.from({ length: n }, (_, i) => ({
    get title() {
      reads += 1;
      return `row ${i}`;
    },
  }));
  return { rows, reads: () => reads };
}
