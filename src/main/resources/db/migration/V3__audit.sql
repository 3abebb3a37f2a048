-- The audit trail: every decision answered, rejected requests included, in a hash chain.
-- Plain SQL that H2 and PostgreSQL both read the same way.

create table audit_record (
    -- invariant: seq is contiguous from 1; a gap is a deleted record and breaks verification
    seq              bigint       primary key,
    decision_id      varchar(64)  not null,
    decided_at       timestamp with time zone not null,
    subject_id       varchar(128),
    action           varchar(64),
    on_behalf_of_id  varchar(128),
    -- the request as received (its fields, never its headers: no credential reaches the log)
    request_json     text         not null,
    outcome          varchar(16)  not null,
    error_code       varchar(64),
    http_status      integer      not null,
    policy_version   varchar(64),
    registry_version bigint,
    latency_micros   bigint       not null,
    -- the answer as the client received it: reasons with their evidence, or the problem
    answer_json      text         not null,
    prev_hash        char(64)     not null,
    hash             char(64)     not null,
    constraint audit_record_outcome check (outcome in ('PERMIT', 'DENY', 'REJECTED'))
);

create unique index audit_record_by_decision on audit_record (decision_id);
create index audit_record_by_time on audit_record (decided_at, seq);
create index audit_record_by_subject on audit_record (subject_id, decided_at, seq);
create index audit_record_by_on_behalf_of on audit_record (on_behalf_of_id, decided_at, seq);
create index audit_record_by_policy on audit_record (policy_version, decided_at, seq);

-- The deciding rules of each record, for search by rule (derived from answer_json, which the chain covers).
create table audit_rule (
    seq  bigint       not null references audit_record (seq),
    rule varchar(512) not null,
    primary key (rule, seq)
);

-- Every n-th chain hash, also written to the server log, so that a verifier can anchor a range and an
-- operator can keep the hashes outside the database.
create table audit_checkpoint (
    seq        bigint      primary key references audit_record (seq),
    hash       char(64)    not null,
    created_at timestamp with time zone not null
);
