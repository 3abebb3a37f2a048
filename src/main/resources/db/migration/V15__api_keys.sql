-- API keys: who may call Clearance, with which roles. Only the SHA-256 of each key is stored; the key is
-- shown to its owner once, when created. Revoked keys stay, so that the trail can still name them.
-- Plain SQL that H2 and PostgreSQL both read the same way.

create table api_key (
    -- the public part of the key (clr_<id>_<secret>), how changes and decisions name the caller
    id          varchar(32)  primary key,
    name        varchar(128) not null,
    -- comma-separated: gateway, registrar, author, auditor, admin
    roles       varchar(128) not null,
    secret_hash char(64)     not null,
    created_at  timestamp with time zone not null,
    created_by  varchar(256) not null,
    expires_at  timestamp with time zone,
    revoked_at  timestamp with time zone,
    revoked_by  varchar(256)
);
