-- Resellers and the customers they serve. A party declared a reseller may register its customers, each
-- relationship dated like a stake (in force from valid_from, inclusive, until valid_to, exclusive; null is
-- an open end) and carrying the reference of the contract it rests on. A customer may itself be a reseller
-- (a platform), so chains are relationships too. Plain SQL that H2 and PostgreSQL both read.

alter table party add column reseller boolean default false not null;

create table reseller_customer (
    reseller_id varchar(128) not null references party (id) on delete cascade,
    customer_id varchar(128) not null references party (id) on delete cascade,
    valid_from  timestamp with time zone,
    valid_to    timestamp with time zone,
    reference   varchar(256),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    primary key (reseller_id, customer_id),
    constraint reseller_customer_not_self check (reseller_id <> customer_id),
    constraint reseller_customer_validity check (valid_from is null or valid_to is null or valid_from < valid_to)
);

create index reseller_customer_by_customer on reseller_customer (customer_id);
