-- Identifiers a party is known by elsewhere (an LEI, a company number, an OpenSanctions id), schemes named
-- as org-id.guide names them. The primary key makes one identifier belong to at most one party; removing
-- a party removes its identifiers.
create table party_identifier (
    scheme     varchar(32)  not null,
    id_value   varchar(128) not null,
    party_id   varchar(128) not null references party (id) on delete cascade,
    primary key (scheme, id_value)
);

create index party_identifier_by_party on party_identifier (party_id);
