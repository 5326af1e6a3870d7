-- The joint office's store, first version. Member and signatory organizations are global IDs of
-- either side's records: references only, with no foreign key (one store cannot check another's
-- rows). The CHECK constraints keep joint ids joint and references pointing at a jurisdiction.

CREATE TABLE alliance (
  id           text PRIMARY KEY CHECK (id LIKE 'joint:Alliance:%'),
  kind         text NOT NULL,
  name         text NOT NULL,
  founded_on   date NOT NULL,
  closed_on    date,
  illustrative boolean NOT NULL DEFAULT false
);
CREATE INDEX alliance_kind_founded_on_idx ON alliance (kind, founded_on);
CREATE INDEX alliance_founded_on_idx ON alliance (founded_on);

CREATE TABLE alliance_member (
  alliance_id     text NOT NULL REFERENCES alliance (id),
  organization_id text NOT NULL CHECK (organization_id LIKE jurisdiction || ':Organization:%'),
  jurisdiction    text NOT NULL CHECK (jurisdiction <> 'joint'),
  joined_on       date NOT NULL,
  left_on         date,
  PRIMARY KEY (alliance_id, organization_id)
);
CREATE INDEX alliance_member_organization_id_idx ON alliance_member (organization_id);

CREATE TABLE agreement (
  id          text PRIMARY KEY CHECK (id LIKE 'joint:Agreement:%'),
  title       text NOT NULL,
  signed_on   date NOT NULL,
  alliance_id text REFERENCES alliance (id)
);
CREATE INDEX agreement_alliance_id_idx ON agreement (alliance_id);
CREATE INDEX agreement_signed_on_idx ON agreement (signed_on);

CREATE TABLE agreement_signatory (
  agreement_id    text NOT NULL REFERENCES agreement (id),
  organization_id text NOT NULL CHECK (organization_id LIKE jurisdiction || ':Organization:%'),
  jurisdiction    text NOT NULL CHECK (jurisdiction <> 'joint'),
  PRIMARY KEY (agreement_id, organization_id)
);
CREATE INDEX agreement_signatory_organization_id_idx ON agreement_signatory (organization_id);

CREATE TABLE cooperation_item (
  id           text PRIMARY KEY CHECK (id LIKE 'joint:CooperationItem:%'),
  agreement_id text NOT NULL REFERENCES agreement (id),
  category     text NOT NULL,
  title        text NOT NULL,
  position     integer NOT NULL
);
CREATE INDEX cooperation_item_agreement_id_idx ON cooperation_item (agreement_id);
