-- The audit trail as shipped from the local journal: several chains (one per instance, a changes chain ...),
-- each record compact, its answer and evidence stored once per distinct content in audit_evidence.
-- The records written before (SHA-256 chain, answer inline) move to the chain 'legacy', unchanged.
-- Plain SQL that H2 and PostgreSQL both read the same way.

create table audit_evidence (
    -- SHA-256 of content: the answer with its decision id and time blanked out (see docs/audit-format.md)
    hash    char(64) primary key,
    content text     not null
);

create table audit_chain_record (
    chain_id         varchar(64)  not null,
    -- invariant: seq is contiguous from 1 within a chain; a gap is a lost or deleted record
    seq              bigint       not null,
    decision_id      varchar(64)  not null,
    decided_at       timestamp with time zone not null,
    -- the decision time exactly as answered (to the nanosecond); null in the 'legacy' chain
    decided_at_text  varchar(40),
    -- who asked (key id or principal); null while the caller is not authenticated
    caller           varchar(256),
    subject_id       varchar(128),
    action           varchar(64),
    on_behalf_of_id  varchar(128),
    request_json     text         not null,
    outcome          varchar(16)  not null,
    error_code       varchar(64),
    http_status      integer      not null,
    policy_version   varchar(64),
    registry_version bigint,
    latency_micros   bigint       not null,
    evidence_hash    char(64)     references audit_evidence (hash),
    -- only for records of the 'legacy' chain, whose hash covers the answer itself
    answer_json      text,
    prev_hash        char(64)     not null,
    hash             char(64)     not null,
    -- HMAC-SHA256 with a key the database does not hold; null in the 'legacy' chain
    mac              char(64),
    primary key (chain_id, seq)
);

create unique index audit_chain_record_by_decision on audit_chain_record (decision_id);
create index audit_chain_record_by_time on audit_chain_record (decided_at, seq);
create index audit_chain_record_by_subject on audit_chain_record (subject_id, decided_at, seq);
create index audit_chain_record_by_on_behalf_of on audit_chain_record (on_behalf_of_id, decided_at, seq);
create index audit_chain_record_by_policy on audit_chain_record (policy_version, decided_at, seq);

-- The deciding rules of each record, for search by rule: derived from the chained answer when shipped, and
-- checked against it by verify.
create table audit_chain_rule (
    chain_id varchar(64)  not null,
    seq      bigint       not null,
    rule     varchar(512) not null,
    primary key (rule, chain_id, seq),
    foreign key (chain_id, seq) references audit_chain_record (chain_id, seq)
);

-- Signed chain heads; the same lines are in the local head file, the server log and any witness.
create table audit_chain_checkpoint (
    chain_id  varchar(64)  not null,
    seq       bigint       not null,
    hash      char(64)     not null,
    at        timestamp with time zone not null,
    -- the exact instant text the mac and signature cover
    at_text   varchar(40)  not null,
    mac       char(64),
    signature varchar(128),
    primary key (chain_id, seq)
);

insert into audit_chain_record (chain_id, seq, decision_id, decided_at, caller, subject_id, action, on_behalf_of_id,
        request_json, outcome, error_code, http_status, policy_version, registry_version, latency_micros,
        evidence_hash, answer_json, prev_hash, hash, mac)
    select 'legacy', seq, decision_id, decided_at, null, subject_id, action, on_behalf_of_id, request_json, outcome,
        error_code, http_status, policy_version, registry_version, latency_micros, null, answer_json, prev_hash,
        hash, null
    from audit_record;
insert into audit_chain_rule (chain_id, seq, rule) select 'legacy', seq, rule from audit_rule;
insert into audit_chain_checkpoint (chain_id, seq, hash, at, at_text, mac, signature)
    select 'legacy', seq, hash, created_at, '', null, null from audit_checkpoint;

drop table audit_checkpoint;
drop table audit_rule;
drop table audit_record;
