/**
 * The audit trail: every decision answered (rejected requests included) is written durably, in batches,
 * into a hash chain before its answer leaves; auditors search, export, verify and replay it over HTTP and
 * read it on the {@code /audit} pages.
 */
package io.clearance.audit;
