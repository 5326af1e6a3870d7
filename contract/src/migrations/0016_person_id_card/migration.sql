-- One person per resident ID number on a side: CreatePerson and ImportPeople refuse a number a person
-- of the side already has (rule `duplicate`), after locking the number for the write's transaction
-- (jurisdiction-service/src/mutations/distinctValue.ts). This index finds the holder without reading
-- every person. Not UNIQUE: a store may already hold a number twice from before the rule, and a
-- migration that failed on it would keep the subgraph from starting; reconciling those is a clerk's.
CREATE INDEX person_id_card_number_idx ON person (id_card_number) WHERE id_card_number IS NOT NULL;
