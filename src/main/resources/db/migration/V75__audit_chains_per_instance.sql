-- Each instance writes an audit chain of its own (chain id = instance id) into the one database, so records of
-- one instant stand in several chains with the same seq: search pages and exports order by time, chain and seq,
-- and the time index holds all three (it replaces the one by time and seq). Plain SQL for H2 and PostgreSQL.
drop index audit_chain_record_by_time;
create index audit_chain_record_by_time on audit_chain_record (decided_at, chain_id, seq);
