-- Provenance: where each party and stake came from. `source` names the source (gleif, uk-psc, bods,
-- opensanctions; api or null for what was typed through the API), `source_record_id` the source's own key
-- for the record (an LEI, a PSC link, a BODS recordId, a FollowTheMoney id), `source_as_of` the date the
-- source stated it as of. Imports key records by (source, source record id) and a configured precedence
-- decides between sources. Plain SQL that H2 and PostgreSQL both read.
alter table party add column source varchar(32);
alter table party add column source_record_id varchar(256);
alter table party add column source_as_of date;

alter table stake add column source varchar(32);
alter table stake add column source_record_id varchar(256);
alter table stake add column source_as_of date;
