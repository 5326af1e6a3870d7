-- {{Prefix}}'s store, first version. Ids are global IDs that name their home: the CHECK constraints
-- keep every row of this store on its own side. Columns holding the other side's or the joint
-- office's IDs (post.holder_id, transport_link.to_region_id, *.alliance_id) carry no foreign key:
-- one store cannot check another's rows.

CREATE TABLE region (
  id        text PRIMARY KEY CHECK (id LIKE '{{key}}:Region:%'),
  code      text NOT NULL UNIQUE,
  name      text NOT NULL,
  level     text NOT NULL,
  parent_id text REFERENCES region (id)
);
CREATE INDEX region_parent_id_idx ON region (parent_id);

CREATE TABLE organization (
  id             text PRIMARY KEY CHECK (id LIKE '{{key}}:Organization:%'),
  name           text NOT NULL,
  kind           text NOT NULL,
  level          text NOT NULL,
  parent_id      text REFERENCES organization (id),
  region_id      text NOT NULL REFERENCES region (id),
  founded_on     date NOT NULL,
  dissolved_on   date,
  merged_into_id text REFERENCES organization (id),
  illustrative   boolean NOT NULL DEFAULT false
);
CREATE INDEX organization_parent_id_idx ON organization (parent_id);
CREATE INDEX organization_region_id_idx ON organization (region_id);
CREATE INDEX organization_kind_idx ON organization (kind);

CREATE TABLE person (
  id              text PRIMARY KEY CHECK (id LIKE '{{key}}:Person:%'),
  name            text NOT NULL,
  gender          text,
  organization_id text NOT NULL REFERENCES organization (id),
  illustrative    boolean NOT NULL DEFAULT false
);
CREATE INDEX person_organization_id_idx ON person (organization_id);

CREATE TABLE post (
  id              text PRIMARY KEY CHECK (id LIKE '{{key}}:Post:%'),
  title           text NOT NULL,
  organization_id text NOT NULL REFERENCES organization (id),
  holder_id       text NOT NULL,
  started_on      date NOT NULL,
  ended_on        date,
  alliance_id     text
);
CREATE INDEX post_organization_id_idx ON post (organization_id);
CREATE INDEX post_holder_id_idx ON post (holder_id);
CREATE INDEX post_alliance_id_idx ON post (alliance_id);
CREATE INDEX post_started_on_idx ON post (started_on);

CREATE TABLE activity (
  id                text PRIMARY KEY CHECK (id LIKE '{{key}}:Activity:%'),
  kind              text NOT NULL,
  title             text NOT NULL,
  held_on           date NOT NULL,
  organizer_id      text NOT NULL REFERENCES organization (id),
  sessions          integer NOT NULL DEFAULT 1,
  person_times      integer NOT NULL DEFAULT 0,
  talents_recruited integer NOT NULL DEFAULT 0,
  alliance_id       text
);
CREATE INDEX activity_organizer_id_idx ON activity (organizer_id);
CREATE INDEX activity_alliance_id_idx ON activity (alliance_id);
CREATE INDEX activity_kind_held_on_idx ON activity (kind, held_on);
CREATE INDEX activity_held_on_idx ON activity (held_on);

CREATE TABLE service_case (
  id          text PRIMARY KEY CHECK (id LIKE '{{key}}:ServiceCase:%'),
  kind        text NOT NULL,
  handled_on  date NOT NULL,
  region_id   text NOT NULL REFERENCES region (id),
  people      integer NOT NULL DEFAULT 0,
  households  integer NOT NULL DEFAULT 0,
  amount_wan  numeric(14, 2) NOT NULL DEFAULT 0,
  alliance_id text
);
CREATE INDEX service_case_region_id_idx ON service_case (region_id);
CREATE INDEX service_case_alliance_id_idx ON service_case (alliance_id);
CREATE INDEX service_case_kind_handled_on_idx ON service_case (kind, handled_on);
CREATE INDEX service_case_handled_on_idx ON service_case (handled_on);

CREATE TABLE facility (
  id                  text PRIMARY KEY CHECK (id LIKE '{{key}}:Facility:%'),
  kind                text NOT NULL,
  name                text NOT NULL,
  region_id           text NOT NULL REFERENCES region (id),
  organization_id     text REFERENCES organization (id),
  area_sqm            numeric(12, 2) NOT NULL DEFAULT 0,
  converted_from_idle boolean NOT NULL DEFAULT false,
  idle_asset_kind     text,
  opened_on           date NOT NULL,
  alliance_id         text
);
CREATE INDEX facility_region_id_idx ON facility (region_id);
CREATE INDEX facility_organization_id_idx ON facility (organization_id);
CREATE INDEX facility_alliance_id_idx ON facility (alliance_id);
CREATE INDEX facility_kind_opened_on_idx ON facility (kind, opened_on);
CREATE INDEX facility_opened_on_idx ON facility (opened_on);

CREATE TABLE project (
  id                        text PRIMARY KEY CHECK (id LIKE '{{key}}:Project:%'),
  kind                      text NOT NULL,
  name                      text NOT NULL,
  region_id                 text NOT NULL REFERENCES region (id),
  organization_id           text REFERENCES organization (id),
  started_on                date NOT NULL,
  land_mu                   numeric(14, 2) NOT NULL DEFAULT 0,
  subsidy_wan               numeric(14, 2) NOT NULL DEFAULT 0,
  expected_income_wan       numeric(14, 2) NOT NULL DEFAULT 0,
  households_benefiting     integer NOT NULL DEFAULT 0,
  income_per_household_yuan numeric(12, 2) NOT NULL DEFAULT 0,
  investment_wan            numeric(16, 2) NOT NULL DEFAULT 0,
  brand                     text,
  alliance_id               text
);
CREATE INDEX project_region_id_idx ON project (region_id);
CREATE INDEX project_organization_id_idx ON project (organization_id);
CREATE INDEX project_alliance_id_idx ON project (alliance_id);
CREATE INDEX project_kind_started_on_idx ON project (kind, started_on);
CREATE INDEX project_started_on_idx ON project (started_on);

CREATE TABLE team (
  id              text PRIMARY KEY CHECK (id LIKE '{{key}}:Team:%'),
  category        text NOT NULL,
  kind            text NOT NULL,
  name            text NOT NULL,
  organization_id text NOT NULL REFERENCES organization (id),
  founded_on      date NOT NULL,
  alliance_id     text
);
CREATE INDEX team_organization_id_idx ON team (organization_id);
CREATE INDEX team_alliance_id_idx ON team (alliance_id);
CREATE INDEX team_category_founded_on_idx ON team (category, founded_on);
CREATE INDEX team_founded_on_idx ON team (founded_on);

CREATE TABLE team_action (
  id          text PRIMARY KEY CHECK (id LIKE '{{key}}:TeamAction:%'),
  team_id     text NOT NULL REFERENCES team (id),
  kind        text NOT NULL,
  acted_on    date NOT NULL,
  occurrences integer NOT NULL DEFAULT 1
);
CREATE INDEX team_action_team_id_idx ON team_action (team_id);
CREATE INDEX team_action_kind_acted_on_idx ON team_action (kind, acted_on);
CREATE INDEX team_action_acted_on_idx ON team_action (acted_on);

CREATE TABLE transport_link (
  id             text PRIMARY KEY CHECK (id LIKE '{{key}}:TransportLink:%'),
  kind           text NOT NULL,
  name           text NOT NULL,
  from_region_id text NOT NULL REFERENCES region (id),
  to_region_id   text NOT NULL,
  length_km      numeric(10, 2) NOT NULL DEFAULT 0,
  opened_on      date NOT NULL,
  alliance_id    text
);
CREATE INDEX transport_link_from_region_id_idx ON transport_link (from_region_id);
CREATE INDEX transport_link_alliance_id_idx ON transport_link (alliance_id);
CREATE INDEX transport_link_kind_opened_on_idx ON transport_link (kind, opened_on);
CREATE INDEX transport_link_opened_on_idx ON transport_link (opened_on);

CREATE TABLE civilization_record (
  id          text PRIMARY KEY CHECK (id LIKE '{{key}}:CivilizationRecord:%'),
  kind        text NOT NULL,
  title       text NOT NULL,
  region_id   text NOT NULL REFERENCES region (id),
  recorded_on date NOT NULL,
  occurrences integer NOT NULL DEFAULT 1,
  alliance_id text
);
CREATE INDEX civilization_record_region_id_idx ON civilization_record (region_id);
CREATE INDEX civilization_record_alliance_id_idx ON civilization_record (alliance_id);
CREATE INDEX civilization_record_kind_recorded_on_idx ON civilization_record (kind, recorded_on);
CREATE INDEX civilization_record_recorded_on_idx ON civilization_record (recorded_on);

CREATE TABLE pairing (
  id                 text PRIMARY KEY CHECK (id LIKE '{{key}}:Pairing:%'),
  unit_name          text NOT NULL,
  organization_id    text NOT NULL REFERENCES organization (id),
  first_secretary_id text,
  started_on         date NOT NULL,
  wishes_fulfilled   integer NOT NULL DEFAULT 0
);
CREATE INDEX pairing_organization_id_idx ON pairing (organization_id);
CREATE INDEX pairing_started_on_idx ON pairing (started_on);

CREATE TABLE grid (
  id              text PRIMARY KEY CHECK (id LIKE '{{key}}:Grid:%'),
  name            text NOT NULL,
  organization_id text NOT NULL REFERENCES organization (id),
  region_id       text NOT NULL REFERENCES region (id),
  households      integer NOT NULL DEFAULT 0,
  responsible_id  text
);
CREATE INDEX grid_organization_id_idx ON grid (organization_id);
CREATE INDEX grid_region_id_idx ON grid (region_id);
