/**
 * Province-level names by GB/T 2260 code, for naming a side whose subgraph is down before the page
 * has seen it answer (the joint office still gives its members' codes): the two sides of the border
 * and the provinces of the seeds' other towns (敦化, 吉林省; 古店镇, 山西省).
 */
const PROVINCES: Record<string, string> = { '510000': '四川省', '500000': '重庆市', '220000': '吉林省', '140000': '山西省' };

export function provinceName(code: string): string {
  return PROVINCES[code] ?? `辖区 ${code}`;
}
