import { describe, expect, test } from 'vitest';
import { DEFAULT, LENGTH, MAX, MIN } from '@linju/contract/writeLimits';
import { ACTIVITY_DEFAULTS, checkActivityForm, isRequired, type ActivityField, type ActivityFormValues } from '../src/record/activityForm.ts';
import { recordingOperator } from '../src/record/recordingOperator.ts';
import { allianceChoices, organizerChoices } from '../src/record/recordChoices.ts';
import { RecordDraft, type ActivityDraft } from '../src/record/RecordDraft.ts';
import { newUuid, SubmissionKey } from '../src/record/SubmissionKey.ts';
import { TabStorage } from './support/tabStorage.ts';

// The 登记活动 panel's pure parts: the variables it sends, who may use it, the choices it offers
// the idempotency key of a submission, and the draft kept for its owner.

const TODAY = '2024-05-10';
const filled: ActivityFormValues = {
  kind: '政策宣讲',
  title: '  磨溪镇政策宣讲会 ',
  heldOn: '2024-05-10',
  organizerId: 'sichuan:Organization:moxi-town',
  sessions: '2',
  personTimes: '１２０',
  talentsRecruited: '',
  allianceId: '',
};

describe('the variables of a filled-in form', () => {
  test('are ActivityInput: trimmed title, counts as numbers (full-width digits too), nothing for empty optional fields', () => {
    expect(checkActivityForm(filled, TODAY)).toEqual({
      ok: true,
      input: { kind: '政策宣讲', title: '磨溪镇政策宣讲会', heldOn: '2024-05-10', organizerId: 'sichuan:Organization:moxi-town', sessions: 2, personTimes: 120 },
    });
  });

  test('carry the alliance and the talents recruited when given', () => {
    const check = checkActivityForm({ ...filled, kind: '引才活动', talentsRecruited: '3', allianceId: 'joint:Alliance:a1' }, TODAY);
    expect(check.ok && check.input).toMatchObject({ talentsRecruited: 3, allianceId: 'joint:Alliance:a1' });
  });

  test('name every required field left empty, in Chinese, choosing or typing as the control asks', () => {
    const empty = Object.fromEntries(Object.keys(filled).map((k) => [k, ''])) as unknown as ActivityFormValues;
    const check = checkActivityForm(empty, TODAY);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems).toEqual([
      { field: 'kind', message: '请选择类别' },
      { field: 'title', message: '请填写名称' },
      { field: 'heldOn', message: '请填写举办日期' },
      { field: 'organizerId', message: '请选择主办组织' },
    ]);
  });

  test('require what the API requires and no more: 场次 and 人次 may stay empty, the store then takes its defaults', () => {
    // ActivityInput's non-null fields (contract/src/mutations.graphql), through the generated types.
    expect((Object.keys(filled) as ActivityField[]).filter(isRequired)).toEqual(['kind', 'title', 'heldOn', 'organizerId']);
    const check = checkActivityForm({ ...filled, sessions: '', personTimes: '' }, TODAY);
    expect(check.ok && check.input).toMatchObject({ sessions: null, personTimes: null });
    // The form starts with the store's default 场次 (the jurisdiction service's DEFAULT), and refuses less than its least.
    expect(ACTIVITY_DEFAULTS).toEqual({ sessions: String(DEFAULT.sessions) });
    expect(checkActivityForm({ ...filled, sessions: '0' }, TODAY)).toMatchObject({ ok: false, problems: [{ field: 'sessions', message: `场次须为不小于 ${MIN.sessions} 的整数` }] });
  });

  test.each([
    ['a date after today in China', { heldOn: '2024-05-11' }, 'heldOn', '举办日期不能晚于今天（2024-05-10）'],
    ['a date before the first the API takes (the picker lets one type 1700)', { heldOn: '1700-01-01' }, 'heldOn', '举办日期不能早于 1800-01-01'],
    ['a negative count', { personTimes: '-1' }, 'personTimes', '人次须为不小于 0 的整数'],
    ['no session', { sessions: '-1' }, 'sessions', '场次须为不小于 1 的整数'],
    ['a fraction', { personTimes: '1.5' }, 'personTimes', '人次须为不小于 0 的整数'],
    ['text for a count', { talentsRecruited: '三' }, 'talentsRecruited', '引进人才须为不小于 0 的整数'],
    // The store's maxima (writeLimits' MAX), said with the figure as the import says it (人次至多为 1000000).
    ['人次 beyond the store’s maximum', { personTimes: String(MAX.personTimes * 2) }, 'personTimes', `人次至多为 ${MAX.personTimes}，请核对`],
    ['人次 with many extra zeros', { personTimes: '12000000000' }, 'personTimes', `人次至多为 ${MAX.personTimes}，请核对`],
    // A number pasted twice or a long ID in the wrong field: too large, not "not a whole number".
    ['人次 of twenty digits', { personTimes: '99999999999999999999' }, 'personTimes', `人次至多为 ${MAX.personTimes}，请核对`],
    ['引进人才 of sixteen full-width digits', { kind: '引才活动', talentsRecruited: '１２３４５６７８９０１２３４５６' }, 'talentsRecruited', `引进人才至多为 ${MAX.talents}，请核对`],
    ['场次 beyond the store’s maximum', { sessions: String(MAX.sessions + 1) }, 'sessions', `场次至多为 ${MAX.sessions}，请核对`],
    ['引进人才 beyond the store’s maximum', { kind: '引才活动', talentsRecruited: String(MAX.talents + 1) }, 'talentsRecruited', `引进人才至多为 ${MAX.talents}，请核对`],
    ['引进人才 on an activity that is no 引才活动 (it would count nowhere)', { talentsRecruited: '3' }, 'talentsRecruited', '引进人才只计入“引才活动”，其他类别请留空或填 0'],
  ])('refuse %s', (_what, change, field, message) => {
    expect(checkActivityForm({ ...filled, ...change }, TODAY)).toEqual({ ok: false, problems: [{ field, message }] });
  });

  test('take each count at its maximum', () => {
    const check = checkActivityForm({ ...filled, kind: '引才活动', sessions: String(MAX.sessions), personTimes: String(MAX.personTimes), talentsRecruited: String(MAX.talents) }, TODAY);
    expect(check.ok && check.input).toMatchObject({ sessions: MAX.sessions, personTimes: MAX.personTimes, talentsRecruited: MAX.talents });
  });

  test('a title longer than the store keeps is said with the bound and its length, counted as the store counts (an emoji is one character, blanks around it none)', () => {
    const longest = '党'.repeat(LENGTH.title - 1) + '🎉';
    expect(checkActivityForm({ ...filled, title: `  ${longest}  ` }, TODAY)).toMatchObject({ ok: true, input: { title: longest } });
    expect(checkActivityForm({ ...filled, title: `${longest}党` }, TODAY)).toEqual({ ok: false, problems: [{ field: 'title', message: `名称至多 ${LENGTH.title} 字（现有 ${LENGTH.title + 1} 字），请精简` }] });
  });

  test('a date before the chosen organizer was founded is said with its founding date; its founding day itself is taken', () => {
    expect(checkActivityForm({ ...filled, heldOn: '1996-01-18' }, TODAY, '1996-01-19')).toEqual({
      ok: false,
      problems: [{ field: 'heldOn', message: '举办日期早于主办组织的成立日期（1996-01-19），请核对日期或主办组织' }],
    });
    expect(checkActivityForm({ ...filled, heldOn: '1996-01-19' }, TODAY, '1996-01-19').ok).toBe(true);
    // Not known (the organizer not read yet): the store checks it.
    expect(checkActivityForm({ ...filled, heldOn: '1996-01-18' }, TODAY, null).ok).toBe(true);
  });

  test('a title of blanks only is no title', () => {
    expect(checkActivityForm({ ...filled, title: '   ' }, TODAY)).toEqual({ ok: false, problems: [{ field: 'title', message: '请填写名称' }] });
  });
});

describe('who may record', () => {
  test.each([
    [{ role: 'sichuan-operator', region: '510904101' }, { side: 'sichuan', region: '510904101' }],
    [{ role: 'chongqing-operator', region: '500152' }, { side: 'chongqing', region: '500152' }],
    [{ role: 'sichuan-operator' }, null],
    [{ role: 'joint-operator', region: '510904101' }, null],
    [{ role: 'viewer' }, null],
    [{ role: 'shanxi-operator', region: '140000' }, null],
    [null, null],
  ])('%j → %j', (claims, operator) => {
    expect(recordingOperator(claims, ['sichuan', 'chongqing'])).toEqual(operator);
  });
});

describe('the choices offered', () => {
  const org = (id: string, name: string, region: string, dissolvedOn: string | null = null, parent: { id: string; parent: { id: string; parent: { id: string } | null } | null } | null = null) => ({
    node: { id, name, foundedOn: '1990-01-01', dissolvedOn, region: { name: region }, parent },
  });

  test('organizers: live ones only, each with its region, in pinyin order, counted', () => {
    const found = organizerChoices({ totalCount: 3, edges: [org('b', '石桥村党支部', '石桥村'), org('a', '磨溪镇党委', '磨溪镇'), org('c', '旧村党支部', '旧村', '2020-01-01')] }, '', '磨溪镇');
    expect(found.choices).toEqual([
      { value: 'a', label: '磨溪镇党委（磨溪镇）' },
      { value: 'b', label: '石桥村党支部（石桥村）' },
    ]);
    expect(found.note).toBe('磨溪镇共 2 个现有组织');
  });

  test('organizers: a list longer than a page asks for a narrower search; an empty search result says so', () => {
    expect(organizerChoices({ totalCount: 250, edges: [org('a', '甲', '磨溪镇')] }, '', '四川省').note).toBe('共 250 个，仅列出前 1 个中的 1 个现有组织，请输入名称缩小范围。');
    expect(organizerChoices({ totalCount: 0, edges: [] }, '分水', '磨溪镇').note).toBe('没有名称含“分水”的现有组织。');
  });

  const alliance = (id: string, name: string, closedOn: string | null, members: string[]) => ({
    node: { id, name, closedOn, members: members.map((m) => ({ joinedOn: '2021-01-01', leftOn: null, organization: { id: m, parent: null } })) },
  });

  test('alliances: those not closed', () => {
    const found = allianceChoices({ totalCount: 2, edges: [alliance('x', '甲联盟', '2023-01-01', ['town']), alliance('y', '乙联盟', null, ['town'])] }, '');
    expect(found.choices).toEqual([{ value: 'y', label: '乙联盟' }]);
  });

  test('alliances, once the organizer is chosen: those it counts for (countsForAlliance); none said as such only when the page is the whole list', () => {
    const village = org('village', '石桥村党支部', '石桥村', null, { id: 'town', parent: { id: 'district', parent: null } }).node;
    const page = { totalCount: 3, edges: [alliance('a', '磨溪—古溪联盟', null, ['town', 'chongqing-guxi']), alliance('b', '白马—古溪联盟', null, ['baima', 'chongqing-guxi']), alliance('c', '石桥村结对', null, ['village'])] };
    const found = allianceChoices(page, '', { node: village, on: '2024-06-01' });
    expect(found.choices).toEqual([{ value: 'a', label: '磨溪—古溪联盟' }, { value: 'c', label: '石桥村结对' }]);
    expect(found.note).toBe('联合办公室共 2 个现有联盟（石桥村党支部所属的联盟）');
    const none = allianceChoices({ totalCount: 1, edges: [alliance('b', '白马—古溪联盟', null, ['baima'])] }, '', { node: village });
    expect(none).toEqual({ choices: [], note: '石桥村党支部不属于任何现有联盟。' });
    // Only the first page read: the others may hold its alliance, so the page's note stays.
    expect(allianceChoices({ totalCount: 250, edges: [alliance('b', '白马—古溪联盟', null, ['baima'])] }, '', { node: village }).note).toBe('共 250 个，仅列出前 1 个中的 0 个现有联盟，请输入名称缩小范围。（石桥村党支部所属的联盟）');
  });
});

describe('the idempotency key of a submission', () => {
  test('the same input sent again goes with the same key; a changed input or a settled one gets a new key', () => {
    let n = 0;
    const keys = new SubmissionKey(() => `key-${++n}`);
    const input = { title: '甲' };
    expect(keys.for(input)).toBe('key-1');
    expect(keys.for({ title: '甲' })).toBe('key-1');
    expect(keys.for({ title: '乙' })).toBe('key-2');
    keys.settle();
    expect(keys.for({ title: '乙' })).toBe('key-3');
  });

  test('a submission sent without an answer, taken up again (a draft restored), keeps its key for the same input', () => {
    let n = 0;
    const first = new SubmissionKey(() => `key-${++n}`);
    first.for({ title: '甲' });
    const again = new SubmissionKey(() => `key-${++n}`);
    again.resume(first.pending);
    expect(again.for({ title: '甲' })).toBe('key-1');
    expect(again.for({ title: '乙' })).toBe('key-2');
    again.settle();
    expect(again.pending).toBeNull();
  });

  test('a UUID v4 without crypto.randomUUID (plain HTTP on a LAN address)', () => {
    const uuid = newUuid({ getRandomValues: (array) => crypto.getRandomValues(array) });
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newUuid()).not.toBe(newUuid());
  });
});

describe('the draft of 登记活动, kept for its owner only', () => {
  const draft: ActivityDraft = { values: filled, widen: false, organizerSearch: '磨溪', allianceSearch: '', pending: { key: 'key-1', input: '{}' } };
  const clerk = { subject: 'moxi-clerk', side: 'sichuan' };

  test('the same person and side find it again; another person, or the same person on another side, does not', () => {
    const tab = new TabStorage();
    new RecordDraft(tab, clerk).save(draft);
    expect(new RecordDraft(tab, clerk).load()).toEqual(draft);
    expect(new RecordDraft(tab, { subject: 'anju-district', side: 'sichuan' }).load()).toBeNull();
    expect(new RecordDraft(tab, { subject: 'moxi-clerk', side: 'chongqing' }).load()).toBeNull();
  });

  test('another person’s token forgets it; the owner’s, or nobody’s, keeps it; 退出 forgets it', () => {
    const tab = new TabStorage();
    new RecordDraft(tab, clerk).save(draft);
    RecordDraft.keepOnly(tab, 'moxi-clerk');
    expect(new RecordDraft(tab, clerk).load()).toEqual(draft);
    RecordDraft.keepOnly(tab, 'anju-district');
    expect(new RecordDraft(tab, clerk).load()).toBeNull();
    expect(tab.length).toBe(0);
    new RecordDraft(tab, clerk).save(draft);
    RecordDraft.keepOnly(tab, null);
    expect(tab.length).toBe(0);
  });

  test('recorded or cleared, the owner drops it; another person’s panel cannot drop it; a damaged one is no draft', () => {
    const tab = new TabStorage();
    new RecordDraft(tab, clerk).save(draft);
    new RecordDraft(tab, { subject: 'anju-district', side: 'sichuan' }).drop();
    expect(new RecordDraft(tab, clerk).load()).toEqual(draft);
    new RecordDraft(tab, clerk).drop();
    expect(tab.length).toBe(0);
    tab.setItem('linju.dashboard.recordDraft', '{"owner":{"subject":"moxi-clerk","side":"sichuan"},"draft":{"values":{"title":1}}}');
    expect(new RecordDraft(tab, clerk).load()).toBeNull();
    tab.setItem('linju.dashboard.recordDraft', 'not json');
    expect(new RecordDraft(tab, clerk).load()).toBeNull();
  });
});
