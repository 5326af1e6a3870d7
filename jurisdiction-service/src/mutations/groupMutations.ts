import { fieldMessage } from '@linju/contract/fieldLabels';
import { storedPersonName, TEAM_KINDS_BY_CATEGORY, VOCABULARY } from '@linju/contract';
import { userInputError } from '@linju/contract';
import { personalData } from './personalDataChecks.ts';
import { count, globalId, oneOf, optionalGlobalId, pastDate, text } from '@linju/subgraph-runtime';
import { allianceIdOf, optionalOneOf, own } from './fields.ts';
import { LENGTH, MAX } from './limits.ts';
import { recordMutation } from './recordMutation.ts';
import type { Distinct } from './distinctValue.ts';

/** The writes of people and the groups they work in: people, teams and their actions, pairings, grids. */

/**
 * A person is registered once on a side: a ledger row corrected and imported again is refused, not a
 * second person; a correction (UpdatePerson) may not give a person another's number either.
 */
export const PERSON_ID_CARD: Distinct = {
  field: 'idCardNumber', column: 'id_card_number', holder: { zh: '人员', en: 'person' },
  // Whom the refusal may name: a person is the caller's to read by their organization's region.
  organizationColumn: 'organization_id',
};

export const createPerson = recordMutation({
  type: 'Person',
  clean: (input, side) => {
    const gender = optionalOneOf(input.gender, 'gender', VOCABULARY.gender);
    return {
      name: storedPersonName(text(input.name, 'name', LENGTH.personName)),
      gender,
      organizationId: globalId(input.organizationId, 'organizationId', own(side), 'Organization'),
      // Personal data, all optional; readable afterwards only by this side's operators.
      ...personalData(input, gender),
    };
  },
  refers: { organizationId: { type: 'Organization' } },
  within: ['organizationId'],
  during: { of: 'organizationId', date: null, what: 'the organization' },
  distinct: PERSON_ID_CARD,
});

export const recordTeam = recordMutation({
  type: 'Team',
  clean: (input, side) => {
    const category = oneOf(input.category, 'category', VOCABULARY.teamCategory);
    const kind = oneOf(input.kind, 'kind', VOCABULARY.teamKind);
    if (!TEAM_KINDS_BY_CATEGORY[category]!.includes(kind)) {
      throw userInputError(fieldMessage('kind', `“${kind}”不属于“${category}”，可选：${TEAM_KINDS_BY_CATEGORY[category]!.join('、')}`, `"${kind}" is not a kind of ${category}: ${TEAM_KINDS_BY_CATEGORY[category]!.join('、')}`), 'kind', 'unknown-kind');
    }
    return {
      category,
      kind,
      name: text(input.name, 'name', LENGTH.name),
      organizationId: globalId(input.organizationId, 'organizationId', own(side), 'Organization'),
      foundedOn: pastDate(input.foundedOn, 'foundedOn'),
      allianceId: allianceIdOf(input),
    };
  },
  refers: { organizationId: { type: 'Organization' } },
  within: ['organizationId'],
  during: { of: 'organizationId', date: 'foundedOn', what: 'the organization' },
});

export const recordTeamAction = recordMutation({
  type: 'TeamAction',
  clean: (input, side) => ({
    teamId: globalId(input.teamId, 'teamId', own(side), 'Team'),
    kind: oneOf(input.kind, 'kind', VOCABULARY.teamActionKind),
    actedOn: pastDate(input.actedOn, 'actedOn'),
    occurrences: count(input.occurrences, 'occurrences', MAX.occurrences, { required: true }),
  }),
  refers: { teamId: { type: 'Team' } },
  within: ['teamId'],
  during: { of: 'teamId', date: 'actedOn', what: 'the team' },
});

export const recordPairing = recordMutation({
  type: 'Pairing',
  clean: (input, side) => ({
    unitName: text(input.unitName, 'unitName', LENGTH.name),
    organizationId: globalId(input.organizationId, 'organizationId', own(side), 'Organization'),
    firstSecretaryId: optionalGlobalId(input.firstSecretaryId, 'firstSecretaryId', own(side), 'Person'),
    startedOn: pastDate(input.startedOn, 'startedOn'),
    wishesFulfilled: count(input.wishesFulfilled, 'wishesFulfilled', MAX.wishes),
  }),
  refers: { organizationId: { type: 'Organization' }, firstSecretaryId: { type: 'Person' } },
  within: ['organizationId'],
  during: { of: 'organizationId', date: 'startedOn', what: 'the organization' },
});

export const recordGrid = recordMutation({
  type: 'Grid',
  clean: (input, side) => ({
    name: text(input.name, 'name', LENGTH.name),
    organizationId: globalId(input.organizationId, 'organizationId', own(side), 'Organization'),
    regionId: globalId(input.regionId, 'regionId', own(side), 'Region'),
    households: count(input.households, 'households', MAX.households, { required: true }),
    responsibleId: optionalGlobalId(input.responsibleId, 'responsibleId', own(side), 'Person'),
  }),
  refers: { organizationId: { type: 'Organization' }, regionId: { type: 'Region' }, responsibleId: { type: 'Person' } },
  within: ['regionId', 'organizationId'],
  during: { of: 'organizationId', date: null, what: 'the organization' },
});
