import { DATE_RANGE } from '@linju/contract/dateRange';
import { TALENT_ACTIVITY_KINDS, TALENT_ACTIVITY_KINDS_QUOTED } from '@linju/contract/figures';
import { halfWidth } from '@linju/contract/halfWidth';
import { DEFAULT, LENGTH, MAX, MIN } from '@linju/contract/writeLimits';
import type { ActivityInput } from '../graphql/operations.generated.ts';
import { storedLength, tooLongMessage } from './storedText.ts';

/** The 登记活动 form as typed: every control's value as text ('' when empty or not chosen). */
export interface ActivityFormValues {
  readonly kind: string;
  readonly title: string;
  readonly heldOn: string;
  readonly organizerId: string;
  readonly sessions: string;
  readonly personTimes: string;
  readonly talentsRecruited: string;
  readonly allianceId: string;
}

/** A field of the form; the same names as `ActivityInput`'s, which the gateway's errors name in `extensions.field`. */
export type ActivityField = keyof ActivityFormValues;

/** What the person reads beside each field, and what messages call it. */
export const ACTIVITY_FIELD_LABELS: Readonly<Record<ActivityField, string>> = {
  kind: '类别',
  title: '名称',
  heldOn: '举办日期',
  organizerId: '主办组织',
  sessions: '场次',
  personTimes: '人次',
  talentsRecruited: '引进人才',
  allianceId: '所属联盟',
};

/** The fields an input type requires: those neither optional nor nullable. */
type RequiredOf<T> = { [K in keyof T]-?: undefined extends T[K] ? never : null extends T[K] ? never : K }[keyof T];

/**
 * Whether the API requires each field: `ActivityInput` as the contract's SDL declares it (through the
 * generated types), so the type checker fails here when the schema makes a field required or optional.
 */
const REQUIRED_BY_API: { readonly [K in ActivityField]: K extends RequiredOf<ActivityInput> ? true : false } = {
  kind: true,
  title: true,
  heldOn: true,
  organizerId: true,
  sessions: false,
  personTimes: false,
  talentsRecruited: false,
  allianceId: false,
};

/** Whether the person must fill a field in: as the API requires it (the rest may stay empty). */
export const isRequired = (field: ActivityField): boolean => REQUIRED_BY_API[field];
const REQUIRED = (Object.keys(REQUIRED_BY_API) as ActivityField[]).filter(isRequired);

/**
 * What a count left empty is stored as, the store's own defaults (`DEFAULT` of the jurisdiction
 * service: 场次 1; any other count 0), shown in the form from the start.
 */
export const ACTIVITY_DEFAULTS: Readonly<Partial<Record<ActivityField, string>>> = { sessions: String(DEFAULT.sessions) };
/** The least a count may be, as the store checks it (场次 at least 1; the others 0). */
const leastOf = (field: ActivityField): number => (MIN as Record<string, number>)[field] ?? 0;
/** Fields chosen from a list rather than typed: "请选择…" rather than "请填写…". */
const CHOSEN: readonly ActivityField[] = ['kind', 'organizerId', 'allianceId'];
const COUNTS = ['sessions', 'personTimes', 'talentsRecruited'] as const;
type CountField = (typeof COUNTS)[number];
/** The most a count may be, as the store checks it (`MAX` of `@linju/contract/writeLimits`). */
const MOST: Readonly<Record<CountField, number>> = { sessions: MAX.sessions, personTimes: MAX.personTimes, talentsRecruited: MAX.talents };
const isCount = (field: ActivityField): field is CountField => (COUNTS as readonly string[]).includes(field);

/** What a count less than the store takes (or no whole number) is told: 场次须为不小于 1 的整数. */
export const tooSmallMessage = (field: ActivityField): string => `${ACTIVITY_FIELD_LABELS[field]}须为不小于 ${leastOf(field)} 的整数`;
/** What a count more than the store takes is told, with its maximum: 人次至多为 1000000，请核对 (as the import words it). */
export const tooLargeMessage = (field: ActivityField): string =>
  isCount(field) ? `${ACTIVITY_FIELD_LABELS[field]}至多为 ${MOST[field]}，请核对` : `${ACTIVITY_FIELD_LABELS[field]}数值过大，请核对`;

/** What 引进人才 on an activity of another kind is told (the store refuses it: it would count nowhere). */
export const talentsNotCountedMessage = `${ACTIVITY_FIELD_LABELS.talentsRecruited}只计入${TALENT_ACTIVITY_KINDS_QUOTED}，其他类别请留空或填 0`;

/** What a 名称 longer than the store keeps (`LENGTH.title`) is told: its length when the form counted it, the bound always. */
export const titleTooLongMessage = (length?: number): string => tooLongMessage(ACTIVITY_FIELD_LABELS.title, LENGTH.title, length);

/** What a 举办日期 before the organizer was founded is told: the founding date when the form knows it. */
export const beforeFoundingMessage = (foundedOn?: string): string =>
  `${ACTIVITY_FIELD_LABELS.heldOn}早于主办组织的成立日期${foundedOn ? `（${foundedOn}），请核对日期或主办组织` : ''}`;

/** A field the person must correct, with what to tell them. */
export interface FieldProblem {
  readonly field: ActivityField;
  readonly message: string;
}

export type ActivityFormCheck = { readonly ok: true; readonly input: ActivityInput } | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/**
 * A whole count as typed, or null when it is not one. Any number of digits is a whole number: one
 * too long to be exact is far above every maximum, so it is said to be too large, not malformed.
 */
function wholeNumber(text: string): number | null {
  const clean = halfWidth(text.trim()).replace(/[,，]/g, '');
  return /^\d+$/.test(clean) ? Number(clean) : null;
}

/** The message for a required field left empty. */
export const requiredMessage = (field: ActivityField): string => `${CHOSEN.includes(field) ? '请选择' : '请填写'}${ACTIVITY_FIELD_LABELS[field]}`;

/**
 * Checks the form before it is sent, as far as a form can (the owner's store checks everything
 * again, the region and the organizer's life among it), and builds `ActivityInput` from it: the
 * fields the API requires, a 名称 no longer than the store keeps (`LENGTH.title`, counted as the store
 * counts it), whole counts within the store's bounds (`MIN`, `MAX`), a date not after today in China
 * nor before the first date the API takes (`DATE_RANGE.min`) nor before the chosen organizer was founded.
 * A count left empty is sent as null: the store stores its default.
 *
 * @param today `YYYY-MM-DD` in China (`todayInChina()` from `@linju/contract/todayInChina`)
 * @param organizerFoundedOn the chosen organizer's `foundedOn`, when the form has read it
 */
export function checkActivityForm(values: ActivityFormValues, today: string, organizerFoundedOn?: string | null): ActivityFormCheck {
  const problems: FieldProblem[] = [];
  for (const field of REQUIRED) if (!values[field].trim()) problems.push({ field, message: requiredMessage(field) });
  const titleLength = storedLength(values.title);
  if (titleLength > LENGTH.title) problems.push({ field: 'title', message: titleTooLongMessage(titleLength) });
  const counts: Partial<Record<CountField, number>> = {};
  for (const field of COUNTS) {
    if (!values[field].trim()) continue;
    const n = wholeNumber(values[field]);
    if (n === null || n < leastOf(field)) problems.push({ field, message: tooSmallMessage(field) });
    else if (n > MOST[field]) problems.push({ field, message: tooLargeMessage(field) });
    else counts[field] = n;
  }
  if (counts.talentsRecruited && values.kind && !TALENT_ACTIVITY_KINDS.includes(values.kind)) problems.push({ field: 'talentsRecruited', message: talentsNotCountedMessage });
  if (values.heldOn && values.heldOn > today) problems.push({ field: 'heldOn', message: `举办日期不能晚于今天（${today}）` });
  // The date picker lets one type any year; the API takes none before DATE_RANGE.min (and says so only by its path).
  else if (values.heldOn && values.heldOn < DATE_RANGE.min) problems.push({ field: 'heldOn', message: `举办日期不能早于 ${DATE_RANGE.min}` });
  // The store refuses it too (before-founding), saying no date the form could show: the form says which.
  else if (values.heldOn && organizerFoundedOn && values.heldOn < organizerFoundedOn) problems.push({ field: 'heldOn', message: beforeFoundingMessage(organizerFoundedOn) });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      kind: values.kind,
      title: values.title.trim(),
      heldOn: values.heldOn,
      organizerId: values.organizerId,
      sessions: counts.sessions ?? null,
      personTimes: counts.personTimes ?? null,
      ...(counts.talentsRecruited !== undefined && { talentsRecruited: counts.talentsRecruited }),
      ...(values.allianceId && { allianceId: values.allianceId }),
    },
  };
}
