/**
 * The audit trail: every decision answered (rejected requests included) is written durably, in batches,
 * into a hash chain before its answer leaves; it is searched, exported, verified and replayed here, and
 * served over HTTP and as the {@code /audit} pages by the resources in {@code io.clearance.api}.
 */
package io.clearance.audit;
