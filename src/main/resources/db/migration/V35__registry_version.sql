-- The registry's version: one row, raised by one in the same transaction as every change to parties or
-- stakes, and read when the server loads the registry. Decisions name it (`registryVersion`), so it must
-- identify one state of the registry across restarts and never go back. Plain SQL that H2 and PostgreSQL
-- both read.
create table registry_version (
    id integer not null,
    version bigint not null,
    constraint registry_version_pk primary key (id),
    constraint registry_version_single check (id = 1),
    constraint registry_version_positive check (version >= 0)
);

-- An existing registry starts at 1 (it holds some state), an empty one at 0.
insert into registry_version (id, version)
select 1, case when exists (select 1 from party) then 1 else 0 end;
