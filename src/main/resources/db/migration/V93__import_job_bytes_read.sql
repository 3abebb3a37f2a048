-- The bytes of its file an import job had read when last stored, so that GET /v1/registry/imports/{id}
-- reports bytesRead and percent after a restart or from another instance, as it does live.
alter table import_job add column bytes_read bigint;
