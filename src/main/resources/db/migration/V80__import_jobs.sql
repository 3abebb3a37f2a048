-- Import jobs (POST /v1/imports), kept so that GET /v1/imports/{id} answers after a restart. A job a restart
-- interrupted is marked failed at the next start: its transaction died with the process, so nothing of it
-- was applied. `report_json` is the job's report as GET shows it. Plain SQL that H2 and PostgreSQL both read.
create table import_job (
    id               varchar(64)  primary key,
    format           varchar(32)  not null,
    status           varchar(16)  not null,
    submitted_by     varchar(256) not null,
    submitted_at     timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    bytes            bigint,
    records_per_second double precision,
    registry_version bigint,
    failure          text,
    report_json      text         not null
);

create index import_job_by_status on import_job (status);
