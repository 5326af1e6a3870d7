// The drill-through from a figure to the records behind it (docs/dashboard.md, "Drill-through").
export { openFigureRecords, type FigureRecordsRequest } from './openFigureRecords.ts';
