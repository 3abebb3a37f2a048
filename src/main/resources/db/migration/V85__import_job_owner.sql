-- Which instance runs an import job, and when it last said it still does (every `clearance.import.heartbeat`,
-- database time). At start an instance marks failed only its own interrupted jobs, those of instances that
-- stopped beating and those written before this column (no owner known); never a live instance's running job.
-- Plain SQL that H2 and PostgreSQL both read.
alter table import_job add column instance_id varchar(128);
alter table import_job add column heartbeat_at timestamp with time zone;
