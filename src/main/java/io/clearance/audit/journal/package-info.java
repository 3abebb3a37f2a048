/**
 * The local append-only audit journal: segment files of length- and CRC32C-framed records, written before
 * an answer leaves and read back by the shipper that copies them into the database. Knows bytes, frames and
 * sequence numbers only; what a record means (the hash chain, its keys) is decided in {@code io.clearance.audit}.
 */
package io.clearance.audit.journal;
