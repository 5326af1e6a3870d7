-- Personal data of a person (issue 4): phone, resident ID card number, birth date and address.
-- All optional: the seed's people carry none (nothing is invented), clerks add them through the
-- CreatePerson mutation, which checks them. Readable only by this side's operators; the subgraph
-- enforces that on every read, so the values never leave this store for anyone else.
-- The checks repeat the mutation's rules on the stored form, so no other writer can store a
-- malformed value either: phone as 11 or 12 digits, the ID as 17 digits and a check character.

ALTER TABLE person
  ADD COLUMN phone          text CHECK (phone ~ '^[0-9]{11,12}$'),
  ADD COLUMN id_card_number text CHECK (id_card_number ~ '^[1-9][0-9]{16}[0-9X]$'),
  ADD COLUMN birth_date     date,
  ADD COLUMN address        text CHECK (char_length(address) BETWEEN 1 AND 200);

COMMENT ON COLUMN person.phone IS 'personal data: readable only by this side''s operators';
COMMENT ON COLUMN person.id_card_number IS 'personal data: readable only by this side''s operators';
COMMENT ON COLUMN person.birth_date IS 'personal data: readable only by this side''s operators';
COMMENT ON COLUMN person.address IS 'personal data: readable only by this side''s operators';
