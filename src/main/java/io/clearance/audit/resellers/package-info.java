/**
 * Watching resellers from the audit log: the report of one reseller's traffic over a period (outcomes,
 * end customers, refusals and why, requests for nobody, the trend per day), computed with SQL aggregation
 * over the shipped records; its chart; and the oversight alert the rule set's threshold raises, once per
 * crossing.
 */
package io.clearance.audit.resellers;
