-- Decisions may now answer REVIEW (a rule flags the request for a person); the audit trail must log it.
alter table audit_record drop constraint audit_record_outcome;
alter table audit_record add constraint audit_record_outcome check (outcome in ('PERMIT', 'REVIEW', 'DENY', 'REJECTED'));
