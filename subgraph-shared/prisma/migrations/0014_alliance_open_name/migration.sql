-- One alliance not closed per name: clerks pick an alliance by its name, and two open ones named
-- alike are two identical entries of one list. createAlliance checks the name under a lock and
-- refuses a taken one (`duplicate`, naming the alliance that has it); this index holds the rule
-- for any writer. A closed alliance's name may be used again.
-- A store that already holds open alliances of one name (written before the check) keeps the name
-- on the first founded (then the smallest ID); each other is renamed with its ID, so that the
-- index can be built and clerks can tell them apart (close the one that is a mistake).
UPDATE alliance a SET name = a.name || '（' || a.id || '）', version = a.version + 1
FROM (
  SELECT id, row_number() OVER (PARTITION BY name ORDER BY founded_on, id) AS n
  FROM alliance WHERE closed_on IS NULL
) d
WHERE d.id = a.id AND d.n > 1;

CREATE UNIQUE INDEX alliance_open_name_idx ON alliance (name) WHERE closed_on IS NULL;
