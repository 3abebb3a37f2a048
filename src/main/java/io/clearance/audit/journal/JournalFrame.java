package io.clearance.audit.journal;

/**
 * One framed entry of the journal: its sequence number in its chain, a type byte the writer chose (a record
 * or a checkpoint, say), and the payload bytes.
 */
public record JournalFrame(long seq, byte type, byte[] payload) {}
