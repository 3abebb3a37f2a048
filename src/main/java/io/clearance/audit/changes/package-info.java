/**
 * The change log: who changed the registry, the policy or the API keys, when, and what it was before and
 * after, in a hash chain of its own beside the decisions' chain. Writers call {@link
 * io.clearance.audit.changes.ChangeLog#record}; auditors read it at {@code GET /v1/audit/changes}.
 */
package io.clearance.audit.changes;
