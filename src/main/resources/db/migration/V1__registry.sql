-- The party registry: parties and the direct stakes owners hold in them.
-- Plain SQL that H2 and PostgreSQL both read the same way.

create table party (
    id          varchar(128) primary key,
    name        varchar(512) not null,
    kind        varchar(16)  not null,
    country     char(2)      not null,
    nationality char(2),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint party_kind check (kind in ('COMPANY', 'INDIVIDUAL', 'GOVERNMENT', 'UNIVERSITY'))
);

create table stake (
    owned_id   varchar(128)  not null references party (id),
    owner_id   varchar(128)  not null references party (id),
    -- exact decimal percentage, six places: shares never drift through binary floating point
    percent    numeric(9, 6) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    primary key (owned_id, owner_id),
    constraint stake_not_self check (owned_id <> owner_id),
    constraint stake_percent check (percent > 0 and percent <= 100)
);

create index stake_by_owner on stake (owner_id);
