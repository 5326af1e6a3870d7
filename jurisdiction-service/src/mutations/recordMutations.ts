import { fieldMessage } from '@linju/contract/fieldLabels';
import { TALENT_ACTIVITY_KINDS, TALENT_ACTIVITY_KINDS_QUOTED, VOCABULARY } from '@linju/contract';
import { userInputError } from '@linju/contract';
import { amount, count, globalId, oneOf, optionalGlobalId, optionalText, pastDate, text } from '@linju/subgraph-runtime';
import { allianceIdOf, ANY_SIDE, optionalOneOf, own } from './fields.ts';
import { DEFAULT, LENGTH, MAX, MIN } from './limits.ts';
import { recordMutation } from './recordMutation.ts';

/** The "record a thing" writes of events and assets: activities, service cases, facilities, projects, links, civilization records. */

export const recordActivity = recordMutation({
  type: 'Activity',
  clean: (input, side) => {
    const kind = oneOf(input.kind, 'kind', VOCABULARY.activityKind);
    const talentsRecruited = count(input.talentsRecruited, 'talentsRecruited', MAX.talents);
    // Talents on an activity of another kind would count in no figure: refused rather than lost.
    if (talentsRecruited > 0 && !TALENT_ACTIVITY_KINDS.includes(kind)) {
      throw userInputError(
        fieldMessage('talentsRecruited', `：引进人才只计入${TALENT_ACTIVITY_KINDS_QUOTED}，“${kind}”的引进人才请留空或填 0`, `counts for ${TALENT_ACTIVITY_KINDS.join(', ')} only: leave it blank or 0 for ${kind}`),
        'talentsRecruited',
        'not-applicable',
      );
    }
    return {
      kind,
      title: text(input.title, 'title', LENGTH.title),
      heldOn: pastDate(input.heldOn, 'heldOn'),
      organizerId: globalId(input.organizerId, 'organizerId', own(side), 'Organization'),
      sessions: count(input.sessions ?? DEFAULT.sessions, 'sessions', MAX.sessions, { min: MIN.sessions }),
      personTimes: count(input.personTimes, 'personTimes', MAX.personTimes),
      talentsRecruited,
      allianceId: allianceIdOf(input),
    };
  },
  refers: { organizerId: { type: 'Organization' } },
  within: ['organizerId'],
  during: { of: 'organizerId', date: 'heldOn', what: 'the organizer' },
});

export const recordServiceCase = recordMutation({
  type: 'ServiceCase',
  clean: (input, side) => ({
    kind: oneOf(input.kind, 'kind', VOCABULARY.serviceCaseKind),
    handledOn: pastDate(input.handledOn, 'handledOn'),
    regionId: globalId(input.regionId, 'regionId', own(side), 'Region'),
    people: count(input.people, 'people', MAX.people),
    households: count(input.households, 'households', MAX.households),
    amountWan: amount(input.amountWan, 'amountWan', MAX.amountWan),
    allianceId: allianceIdOf(input),
  }),
  refers: { regionId: { type: 'Region' } },
  within: ['regionId'],
});

export const recordFacility = recordMutation({
  type: 'Facility',
  clean: (input, side) => {
    const idleAssetKind = optionalOneOf(input.idleAssetKind, 'idleAssetKind', VOCABULARY.idleAssetKind);
    return {
      kind: oneOf(input.kind, 'kind', VOCABULARY.facilityKind),
      name: text(input.name, 'name', LENGTH.name),
      regionId: globalId(input.regionId, 'regionId', own(side), 'Region'),
      organizationId: optionalGlobalId(input.organizationId, 'organizationId', own(side), 'Organization'),
      areaSqm: amount(input.areaSqm, 'areaSqm', MAX.areaSqm),
      // The flag is derived, never sent: a facility is converted from an idle asset exactly when it names one.
      convertedFromIdle: idleAssetKind !== null,
      idleAssetKind,
      openedOn: pastDate(input.openedOn, 'openedOn'),
      allianceId: allianceIdOf(input),
    };
  },
  refers: { regionId: { type: 'Region' }, organizationId: { type: 'Organization' } },
  within: ['regionId', 'organizationId'],
  during: { of: 'organizationId', date: 'openedOn', what: 'the organization running it' },
});

export const recordProject = recordMutation({
  type: 'Project',
  clean: (input, side) => ({
    kind: oneOf(input.kind, 'kind', VOCABULARY.projectKind),
    name: text(input.name, 'name', LENGTH.name),
    regionId: globalId(input.regionId, 'regionId', own(side), 'Region'),
    organizationId: optionalGlobalId(input.organizationId, 'organizationId', own(side), 'Organization'),
    startedOn: pastDate(input.startedOn, 'startedOn'),
    landMu: amount(input.landMu, 'landMu', MAX.landMu),
    subsidyWan: amount(input.subsidyWan, 'subsidyWan', MAX.amountWan),
    expectedIncomeWan: amount(input.expectedIncomeWan, 'expectedIncomeWan', MAX.amountWan),
    householdsBenefiting: count(input.householdsBenefiting, 'householdsBenefiting', MAX.households),
    incomePerHouseholdYuan: amount(input.incomePerHouseholdYuan, 'incomePerHouseholdYuan', MAX.incomePerHouseholdYuan),
    investmentWan: amount(input.investmentWan, 'investmentWan', MAX.amountWan),
    brand: optionalText(input.brand, 'brand', LENGTH.brand),
    allianceId: allianceIdOf(input),
  }),
  refers: { regionId: { type: 'Region' }, organizationId: { type: 'Organization' } },
  within: ['regionId', 'organizationId'],
  during: { of: 'organizationId', date: 'startedOn', what: 'the leading organization' },
});

export const recordTransportLink = recordMutation({
  type: 'TransportLink',
  clean: (input, side) => {
    const fromRegionId = globalId(input.fromRegionId, 'fromRegionId', own(side), 'Region');
    const toRegionId = globalId(input.toRegionId, 'toRegionId', ANY_SIDE, 'Region');
    if (toRegionId === fromRegionId) throw userInputError(fieldMessage('toRegionId', `：终点不能与起点是同一区划`, `${toRegionId} is the region the link starts from`), 'toRegionId', 'self-reference');
    return {
      kind: oneOf(input.kind, 'kind', VOCABULARY.transportLinkKind),
      name: text(input.name, 'name', LENGTH.name),
      fromRegionId,
      toRegionId,
      lengthKm: amount(input.lengthKm, 'lengthKm', MAX.lengthKm),
      openedOn: pastDate(input.openedOn, 'openedOn'),
      allianceId: allianceIdOf(input),
    };
  },
  refers: { fromRegionId: { type: 'Region' }, toRegionId: { type: 'Region', eitherSide: true } },
  within: ['fromRegionId'],
});

export const recordCivilizationRecord = recordMutation({
  type: 'CivilizationRecord',
  clean: (input, side) => ({
    kind: oneOf(input.kind, 'kind', VOCABULARY.civilizationKind),
    title: text(input.title, 'title', LENGTH.title),
    regionId: globalId(input.regionId, 'regionId', own(side), 'Region'),
    recordedOn: pastDate(input.recordedOn, 'recordedOn'),
    occurrences: count(input.occurrences ?? DEFAULT.occurrences, 'occurrences', MAX.occurrences),
    allianceId: allianceIdOf(input),
  }),
  refers: { regionId: { type: 'Region' } },
  within: ['regionId'],
});
