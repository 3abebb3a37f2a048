-- The source whose import stated an identifier (`bods`, `opensanctions`); null for one given through the API.
-- A record stated again replaces the identifiers its source stated of the party, and only those.
alter table party_identifier add column source varchar(32);
