package io.clearance.audit;

import java.time.Instant;

/**
 * The head of a chain at a record, vouched for twice: by the chain key (HMAC) and by the Ed25519 signing key,
 * whose public half anyone may hold. Written to the journal, the database, the local head file, the server
 * log and any witness, so that a truncated or rewritten database disagrees with copies it cannot reach.
 */
public record Checkpoint(String chainId, long seq, String hash, Instant at, String mac, String signature) {

    static final String TAG = "clearance-audit-checkpoint-v1";

    /** The text the mac and the signature cover. */
    public static String message(String chainId, long seq, String hash, Instant at) {
        return TAG + "\n" + chainId + "\n" + seq + "\n" + hash + "\n" + at;
    }

    static Checkpoint of(AuditRecord head, Instant at, ChainKeys keys) {
        String message = message(head.chainId(), head.seq(), head.hash(), at);
        return new Checkpoint(head.chainId(), head.seq(), head.hash(), at, keys.mac(message), keys.sign(message));
    }

    /** Whether the mac and the signature hold (the signature only when a public key is known). */
    public boolean authentic(ChainKeys keys) {
        String message = message(chainId, seq, hash, at);
        return keys.mac(message).equals(mac) && keys.verifySignature(message, signature);
    }

    /** One line of a head file: {@code chainId seq hash at mac signature}. */
    public String line() {
        return chainId + " " + seq + " " + hash + " " + at + " " + mac + " " + signature;
    }

    public static Checkpoint parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 6) {
            throw new IllegalArgumentException("a head line has 6 fields: chainId seq hash at mac signature");
        }
        return new Checkpoint(f[0], Long.parseLong(f[1]), f[2], Instant.parse(f[3]), f[4], f[5]);
    }
}
