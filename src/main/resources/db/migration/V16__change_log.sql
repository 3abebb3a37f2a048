-- The change log: every change to the registry, the policy and the API keys, with who made it, when, and
-- the state before and after, in a hash chain of its own (hashed like the decisions' chain, ChainHash).
-- Plain SQL that H2 and PostgreSQL both read the same way.

create table change_record (
    -- invariant: seq is contiguous from 1; a gap is a deleted record and breaks verification
    seq         bigint       primary key,
    change_id   varchar(64)  not null,
    changed_at  timestamp with time zone not null,
    -- key:<id>, jwt:<subject>, system, local (authentication disabled)
    actor       varchar(256) not null,
    actor_kind  varchar(16)  not null,
    -- party.put, party.delete, stake.put, stake.delete, policy.reload, policy.promote, policy.shadow.install,
    -- policy.shadow.drop, api-key.create, api-key.revoke, ...
    action      varchar(64)  not null,
    target      varchar(512) not null,
    before_json text,
    after_json  text,
    prev_hash   char(64)     not null,
    hash        char(64)     not null
);

create unique index change_record_by_id on change_record (change_id);
create index change_record_by_time on change_record (changed_at, seq);
create index change_record_by_actor on change_record (actor, seq);
create index change_record_by_target on change_record (target, seq);
