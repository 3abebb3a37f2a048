-- Subscriptions to decision changes (and other watch events), and the events a webhook never took.
create table watch (
    id          varchar(36)   not null primary key,
    -- ALL, PARTIES (party_ids) or SCHEME (parties carrying an identifier of `scheme`)
    scope       varchar(16)   not null,
    party_ids   varchar(1000000),
    scheme      varchar(32),
    -- comma-separated action wire names; null: every action
    actions     varchar(256),
    webhook_url varchar(2048),
    -- the HMAC-SHA256 key webhook bodies are signed with, returned once at creation
    secret      varchar(128)  not null,
    created_at  timestamp with time zone not null,
    created_by  varchar(256),
    constraint watch_scope check (scope in ('ALL', 'PARTIES', 'SCHEME'))
);

create table watch_dead_letter (
    id         varchar(36)   not null primary key,
    watch_id   varchar(36)   not null references watch (id) on delete cascade,
    event      varchar(1000000) not null,
    attempts   integer       not null,
    last_error varchar(1024),
    failed_at  timestamp with time zone not null
);

create index watch_dead_letter_by_watch on watch_dead_letter (watch_id, failed_at);
