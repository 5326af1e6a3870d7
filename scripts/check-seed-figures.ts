// Checks the three stores' seed datasets against the figures of the sources (seed 000, H1 2021,
// computed by the resolvers' rules; seeds 001 and 002) and checks that every reference resolves.
// Run: npx tsx scripts/check-seed-figures.ts   (exits 1 on any mismatch)
import { seed as sichuan } from '@linju/subgraph-sichuan/seed';
import { seed as chongqing } from '@linju/subgraph-chongqing/seed';
import { seed as joint } from '@linju/subgraph-joint/seed';
import { combineFigures, figurePartsFromRecords, FIGURES, type FigureName, type SourceName } from '@linju/contract';
import { ANJU_LATER, H1_2021, inPeriod, SEED_000_ALLIANCES, SEED_000_FIGURES, SEED_001_FIGURES, type Period } from '@linju/border-seed';
import type { Side } from '@linju/border-seed';
import type { JurisdictionSeed } from '@linju/border-seed';
import { sumDecimal } from '@linju/border-seed';

const SIDES: Record<Side, JurisdictionSeed> = { sichuan, chongqing };
let failures = 0;
const fail = (message: string) => {
  failures++;
  console.log(`  ✗ ${message}`);
};

const count = <T>(rows: T[], keep: (r: T) => boolean) => rows.filter(keep).length;
const sumOf = <T>(rows: T[], keep: (r: T) => boolean, value: (r: T) => number) => sumDecimal(rows.filter(keep).map(value));

/** Where a side's seed holds the records of each figure source. */
const RECORDS: Record<SourceName, keyof JurisdictionSeed> = {
  post: 'posts', activity: 'activities', facility: 'facilities', project: 'projects', serviceCase: 'serviceCases',
  team: 'teams', teamAction: 'teamActions', transportLink: 'transportLinks', civilizationRecord: 'civilizationRecords',
};

/** One side's part of a period from its seed, by the catalogue's rules (the ones the SQL follows): every figure, each ratio's weighted sum. */
const sidePart = (side: Side, period: Period) =>
  figurePartsFromRecords((source) => SIDES[side][RECORDS[source]] as unknown as Record<string, unknown>[], side, (d) => inPeriod(d, period));

const pad = (text: string | number | null, width: number) => String(text).padStart(width);
const line = (name: string, si: string | number | null, cq: string | number | null, total: string | number | null, expected: string | number, ok: boolean) =>
  console.log(`${ok ? ' ' : '✗'} ${name.padEnd(30)}${pad(si, 10)}${pad(cq, 11)}${pad(total, 10)}${pad(expected, 10)}`);

/** Each figure the report gives, per side and joint (the joint total as the joint office combines it). */
function checkReport(figures: Partial<Record<FigureName, number>>, period: Period) {
  console.log(`  ${'figure'.padEnd(28)}${pad('sichuan', 10)}${pad('chongqing', 11)}${pad('total', 10)}${pad('expected', 10)}`);
  const parts = (['sichuan', 'chongqing'] as const).map((side) => sidePart(side, period));
  const total = combineFigures(parts)!;
  for (const [name, expected] of Object.entries(figures) as [FigureName, number][]) {
    const ok = total[name] === expected;
    if (!ok) failures++;
    line(`${FIGURES[name].label}（${FIGURES[name].unit}）`, parts[0]![name], parts[1]![name], total[name], expected, ok);
  }
}

// ---------------------------------------------------------------- seed 000 figures (H1 2021)
console.log('Seed 000 — Suining–Tongnan, 2021-01-01…2021-06-30');
checkReport(SEED_000_FIGURES, H1_2021);
for (const [kind, field] of [['毗邻乡镇党建联建', 'townshipAlliances'], ['毗邻村联村党组织', 'jointVillageOrganizations'], ['产业链联合党组织', 'industryChainOrganizations']] as const) {
  const n = count(joint.alliances, (a) => a.kind === kind && inPeriod(a.foundedOn, H1_2021));
  const ok = n === SEED_000_ALLIANCES[field];
  if (!ok) failures++;
  line(`alliances ${kind}`, '–', '–', `joint ${n}`, SEED_000_ALLIANCES[field], ok);
}

// ---------------------------------------------------------------- seed 001 (Anju, 2021-07-01…2023-06-30)
console.log('\nSeed 001 — 安居区, 2021-07-01…2023-06-30');
const check = (name: string, actual: number | string, expected: number | string) => {
  const ok = actual === expected;
  if (!ok) failures++;
  console.log(`${ok ? ' ' : '✗'} ${name.padEnd(58)}${pad(actual, 12)}${pad(expected, 12)}`);
};
const THREE_KINDS = ['毗邻乡镇党建联建', '毗邻村联村党组织', '产业链联合党组织'];
check('alliances of the three kinds founded by 2023-06-30', count(joint.alliances, (a) => THREE_KINDS.includes(a.kind) && a.foundedOn <= new Date(`${ANJU_LATER.to}T00:00:00Z`)), 33);
check('… of which founded in the period', count(joint.alliances, (a) => THREE_KINDS.includes(a.kind) && inPeriod(a.foundedOn, ANJU_LATER)), 3);
check('talent alliances (人才联盟) founded in the period', count(joint.alliances, (a) => a.kind === '人才联盟' && inPeriod(a.foundedOn, ANJU_LATER)), 1);
const framework = joint.agreements.filter((a) => a.title === '遂潼毗邻镇村区域联动发展框架协议');
check('framework agreements signed in the period', count(framework, (a) => inPeriod(a.signedOn, ANJU_LATER)), 1);
const fw = framework[0];
if (fw) {
  const sigs = joint.agreementSignatories.filter((s) => s.agreementId === fw.id);
  check('… distinct signatory organizations', new Set(sigs.map((s) => s.organizationId)).size, 28);
  check('… signatories from both sides', new Set(sigs.map((s) => s.jurisdiction)).size, 2);
  const levels = sigs.map((s) => SIDES[s.jurisdiction as Side]?.organizations.find((o) => o.id === s.organizationId)?.level);
  check('… signatories that are town/village organizations', levels.filter((l) => l === '乡镇' || l === '村' || l === '社区').length, 28);
  const items = joint.cooperationItems.filter((i) => i.agreementId === fw.id);
  check('… cooperation items', items.length, 17);
  check('… categories', new Set(items.map((i) => i.category)).size, 5);
  check('… has categories 党建共抓 and 产业共兴', ['党建共抓', '产业共兴'].every((c) => items.some((i) => i.category === c)) ? 'yes' : 'no', 'yes');
}
const both = (fn: (s: JurisdictionSeed) => number) => fn(sichuan) + fn(chongqing);
checkReport(SEED_001_FIGURES, ANJU_LATER);
check('遂潼天然气综合利用产业园 investment (万元)', sichuan.projects.find((p) => p.name === '遂潼天然气综合利用产业园')?.investmentWan ?? 0, 5_350_000);
check('governance teams founded in the period', both((s) => count(s.teams, (r) => r.category === '社会治理工作队' && inPeriod(r.foundedOn, ANJU_LATER))), 10);
check('… of kinds 边界治理服务队 / 治安联防队 present', both((s) => count(s.teams, (r) => inPeriod(r.foundedOn, ANJU_LATER) && (r.kind === '边界治理服务队' || r.kind === '治安联防队'))), 10);

// ---------------------------------------------------------------- seed 002 (通滩镇, Sichuan)
console.log('\nSeed 002 — 泸州市江阳区通滩镇 (Sichuan), 2017–2018');
const Y2017_2018: Period = { from: '2017-01-01', to: '2018-12-31' };
check('problems solved (解决难题) 2017–2018', sumOf(sichuan.teamActions, (r) => r.kind === '解决难题' && inPeriod(r.actedOn, Y2017_2018), (r) => r.occurrences), 42);
check('joint activities (共建活动) 2017–2018', count(sichuan.activities, (r) => r.kind === '共建活动' && inPeriod(r.heldOn, Y2017_2018)), 27);
const zhongxing = sichuan.organizations.find((o) => o.name === '中兴场党总支');
for (const name of ['陵园村党支部', '大竹山党支部']) {
  const o = sichuan.organizations.find((x) => x.name === name);
  check(`${name} dissolved in 2017, merged into 中兴场党总支`, o && zhongxing && o.dissolvedOn?.getUTCFullYear() === 2017 && o.mergedIntoId === zhongxing.id ? 'yes' : 'no', 'yes');
}

// ---------------------------------------------------------------- references
console.log('\nReferences and IDs');
const before = failures;
const idsOf = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
function checkPrefix(store: string, model: string, rows: { id: string }[]) {
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.id.startsWith(`${store}:${model}:`) || r.id.length <= `${store}:${model}:`.length) fail(`${r.id} is not a ${store}:${model}: ID`);
    if (seen.has(r.id)) fail(`duplicate ID ${r.id}`);
    seen.add(r.id);
  }
}
const allianceIds = idsOf(joint.alliances);
const refOk = (ref: string | null, set: Set<string>, what: string) => {
  if (ref !== null && !set.has(ref)) fail(`${what}: ${ref} does not resolve`);
};
for (const [side, s] of Object.entries(SIDES) as [Side, JurisdictionSeed][]) {
  const other = SIDES[side === 'sichuan' ? 'chongqing' : 'sichuan'];
  const models: [string, { id: string }[]][] = [
    ['Region', s.regions], ['Organization', s.organizations], ['Person', s.people], ['Post', s.posts], ['Activity', s.activities],
    ['ServiceCase', s.serviceCases], ['Facility', s.facilities], ['Project', s.projects], ['Team', s.teams], ['TeamAction', s.teamActions],
    ['TransportLink', s.transportLinks], ['CivilizationRecord', s.civilizationRecords], ['Pairing', s.pairings], ['Grid', s.grids],
  ];
  for (const [model, rows] of models) checkPrefix(side, model, rows);
  const codes = new Set<string>();
  for (const r of s.regions) {
    if (codes.has(r.code)) fail(`${side}: duplicate region code ${r.code}`);
    codes.add(r.code);
  }
  const regions = idsOf(s.regions);
  const orgs = idsOf(s.organizations);
  const people = idsOf(s.people);
  const teams = idsOf(s.teams);
  const allPeople = new Set([...people, ...idsOf(other.people)]);
  const allRegions = new Set([...regions, ...idsOf(other.regions)]);
  for (const r of s.regions) refOk(r.parentId, regions, `${r.id}.parentId`);
  for (const r of s.organizations) {
    refOk(r.parentId, orgs, `${r.id}.parentId`);
    refOk(r.mergedIntoId, orgs, `${r.id}.mergedIntoId`);
    refOk(r.regionId, regions, `${r.id}.regionId`);
  }
  for (const r of s.people) refOk(r.organizationId, orgs, `${r.id}.organizationId`);
  for (const r of s.posts) {
    refOk(r.organizationId, orgs, `${r.id}.organizationId`);
    refOk(r.holderId, allPeople, `${r.id}.holderId`);
    refOk(r.allianceId, allianceIds, `${r.id}.allianceId`);
    if (!r.holderId.startsWith(`${side}:`)) {
      // A cross-appointment: both the post's organization and the holder's must be members of its alliance.
      const holder = other.people.find((p) => p.id === r.holderId);
      const members = joint.allianceMembers.filter((m) => m.allianceId === r.allianceId).map((m) => m.organizationId);
      const alliance = joint.alliances.find((a) => a.id === r.allianceId);
      if (!holder || alliance?.kind !== '毗邻村联村党组织' || !members.includes(r.organizationId) || !members.includes(holder.organizationId)) {
        fail(`${r.id}: cross-appointment not between the paired villages of a 毗邻村联村党组织`);
      }
      if (r.title !== '村党组织委员') fail(`${r.id}: cross-appointment titled ${r.title}`);
    }
  }
  for (const r of s.activities) refOk(r.organizerId, orgs, `${r.id}.organizerId`);
  for (const r of s.serviceCases) refOk(r.regionId, regions, `${r.id}.regionId`);
  for (const r of [...s.facilities, ...s.projects]) {
    refOk(r.regionId, regions, `${r.id}.regionId`);
    refOk(r.organizationId, orgs, `${r.id}.organizationId`);
  }
  for (const r of s.teams) refOk(r.organizationId, orgs, `${r.id}.organizationId`);
  for (const r of s.teamActions) {
    refOk(r.teamId, teams, `${r.id}.teamId`);
    const team = s.teams.find((t) => t.id === r.teamId);
    if (team && team.foundedOn > r.actedOn) fail(`${r.id} acted before its team was founded`);
  }
  for (const r of s.transportLinks) {
    refOk(r.fromRegionId, regions, `${r.id}.fromRegionId`);
    refOk(r.toRegionId, allRegions, `${r.id}.toRegionId`);
    if (r.kind === '断头路') {
      const to = other.regions.find((x) => x.id === r.toRegionId);
      if (to?.level !== 'town') fail(`${r.id}: a dead-end road must lead to a town of the other side`);
    }
  }
  for (const r of s.civilizationRecords) refOk(r.regionId, regions, `${r.id}.regionId`);
  for (const r of s.pairings) {
    refOk(r.organizationId, orgs, `${r.id}.organizationId`);
    refOk(r.firstSecretaryId, people, `${r.id}.firstSecretaryId`);
  }
  for (const r of s.grids) {
    refOk(r.organizationId, orgs, `${r.id}.organizationId`);
    refOk(r.regionId, regions, `${r.id}.regionId`);
    refOk(r.responsibleId, people, `${r.id}.responsibleId`);
  }
  // Every organization has a 书记 held by one of its own people.
  for (const o of s.organizations) {
    const secretary = s.posts.find((p) => p.organizationId === o.id && p.title === '书记');
    const holder = secretary && s.people.find((p) => p.id === secretary.holderId);
    if (!holder || holder.organizationId !== o.id) fail(`${o.id} has no local 书记`);
  }
  // A record tagged with an alliance is dated on or after its founding.
  const tagged: [string, string | null, Date][] = [
    ...s.posts.map((r) => [r.id, r.allianceId, r.startedOn] as [string, string | null, Date]),
    ...s.activities.map((r) => [r.id, r.allianceId, r.heldOn] as [string, string | null, Date]),
    ...s.serviceCases.map((r) => [r.id, r.allianceId, r.handledOn] as [string, string | null, Date]),
    ...s.facilities.map((r) => [r.id, r.allianceId, r.openedOn] as [string, string | null, Date]),
    ...s.projects.map((r) => [r.id, r.allianceId, r.startedOn] as [string, string | null, Date]),
    ...s.teams.map((r) => [r.id, r.allianceId, r.foundedOn] as [string, string | null, Date]),
    ...s.transportLinks.map((r) => [r.id, r.allianceId, r.openedOn] as [string, string | null, Date]),
    ...s.civilizationRecords.map((r) => [r.id, r.allianceId, r.recordedOn] as [string, string | null, Date]),
  ];
  let withAlliance = 0;
  for (const [id, allianceId, on] of tagged) {
    if (allianceId === null) continue;
    withAlliance++;
    refOk(allianceId, allianceIds, `${id}.allianceId`);
    const a = joint.alliances.find((x) => x.id === allianceId);
    if (a && a.foundedOn > on) fail(`${id} is dated before its alliance ${allianceId} was founded`);
  }
  const h1 = tagged.filter(([, , on]) => inPeriod(on, H1_2021));
  console.log(`  ${side}: ${h1.filter(([, a]) => a !== null).length} of ${h1.length} H1-2021 records carry an alliance (${withAlliance} in all)`);
}
checkPrefix('joint', 'Alliance', joint.alliances);
checkPrefix('joint', 'Agreement', joint.agreements);
checkPrefix('joint', 'CooperationItem', joint.cooperationItems);
for (const [what, refs] of [
  ['alliance member', joint.allianceMembers],
  ['agreement signatory', joint.agreementSignatories],
] as const) {
  for (const m of refs) {
    const side = m.jurisdiction as Side;
    if (!(side in SIDES)) fail(`${what} ${m.organizationId}: jurisdiction ${m.jurisdiction}`);
    else if (!m.organizationId.startsWith(`${side}:Organization:`)) fail(`${what} ${m.organizationId} is not an organization of ${side}`);
    else refOk(m.organizationId, idsOf(SIDES[side].organizations), `${what} ${m.organizationId}`);
  }
}
for (const m of joint.allianceMembers) refOk(m.allianceId, allianceIds, `member ${m.organizationId}.allianceId`);
for (const a of joint.agreements) refOk(a.allianceId, allianceIds, `${a.id}.allianceId`);
for (const s of joint.agreementSignatories) refOk(s.agreementId, idsOf(joint.agreements), `signatory ${s.organizationId}.agreementId`);
for (const i of joint.cooperationItems) refOk(i.agreementId, idsOf(joint.agreements), `${i.id}.agreementId`);
for (const a of joint.alliances) {
  const sides = new Set(joint.allianceMembers.filter((m) => m.allianceId === a.id).map((m) => m.jurisdiction));
  if (!sides.has('sichuan') || !sides.has('chongqing')) fail(`${a.id} lacks members of both sides`);
}
const moxi = joint.agreements.find((a) => a.title === '磨溪镇—双江镇毗邻乡镇党建合作联建协议');
if (!moxi || !inPeriod(moxi.signedOn, H1_2021)) fail('磨溪镇—双江镇 agreement missing or not signed in H1 2021');
else {
  const sigs = joint.agreementSignatories.filter((s) => s.agreementId === moxi.id).map((s) => s.organizationId).sort();
  if (sigs.join() !== ['chongqing:Organization:shuangjiang-town', 'sichuan:Organization:moxi-town'].join()) fail(`磨溪镇—双江镇 agreement signed by ${sigs.join(', ')}`);
}

// Per-alliance spread of the H1 2021 records.
const perAlliance = new Map<string, number>();
for (const s of Object.values(SIDES)) {
  for (const r of [...s.posts, ...s.activities, ...s.serviceCases, ...s.projects, ...s.teams, ...s.civilizationRecords, ...s.transportLinks, ...s.facilities]) {
    if (r.allianceId) perAlliance.set(r.allianceId, (perAlliance.get(r.allianceId) ?? 0) + 1);
  }
}
const h1Alliances = joint.alliances.filter((a) => inPeriod(a.foundedOn, H1_2021));
const empty = h1Alliances.filter((a) => !perAlliance.get(a.id));
const tallies = h1Alliances.map((a) => perAlliance.get(a.id) ?? 0);
console.log(`  records per H1-2021 alliance: min ${Math.min(...tallies)}, max ${Math.max(...tallies)}; alliances without records: ${empty.length}`);
if (empty.length > 0) fail(`alliances without records: ${empty.map((a) => a.id).join(', ')}`);
if (failures === before) console.log('  all references resolve; every ID has its store\'s prefix');

console.log(failures === 0 ? '\nOK: every figure and reference checks out.' : `\nFAILED: ${failures} problem(s).`);
process.exit(failures === 0 ? 0 : 1);
