-- Who asked for each decision: the caller as the change log names it (key:<id>, jwt:<subject>, local).
-- The chained copy is the request's `caller` field in request_json (which the hash covers); this column is
-- derived from it for search, as audit_rule is derived from answer_json. Null for records made before.
-- Plain SQL that H2 and PostgreSQL both read the same way.

alter table audit_record add column caller varchar(256);
create index audit_record_by_caller on audit_record (caller, decided_at, seq);
