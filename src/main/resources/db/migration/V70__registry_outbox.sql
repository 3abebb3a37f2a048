-- The registry's outbox: one row per committed change to parties, stakes or resellers' customers, written in
-- the change's own transaction, so that every instance on this database applies every change to its graph,
-- in order. `seq` is the registry version the change raised `registry_version` to: the counter's row lock,
-- held until commit, hands out numbers in commit order and a rolled-back change takes none, so the outbox
-- and the version decisions report are one sequence. `data` is what an instance needs to apply the change
-- without reading the registry again (JSON); a `RELOAD` row (a bulk import) has none and tells instances to
-- load the graph anew. Plain SQL that H2 and PostgreSQL both read.
create table registry_change (
    seq         bigint        not null,
    kind        varchar(32)   not null,
    party_id    varchar(128),
    other_id    varchar(128),
    instance_id varchar(128)  not null,
    recorded_at timestamp with time zone not null,
    data        varchar(65536),
    constraint registry_change_pk primary key (seq),
    constraint registry_change_kind check (kind in ('PARTY_PUT', 'PARTY_DELETED', 'STAKE_PUT', 'STAKE_DELETED',
        'CUSTOMER_PUT', 'CUSTOMER_DELETED', 'RELOAD'))
);
