package io.clearance.watch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The id of one event sent to one watch, computed from what the event says, so that every instance that
 * computes the same {@code decision.changed} event names it alike, and every retry carries the id of the first
 * attempt: a receiver deduplicates on it, and instances claim deliveries by it ({@link DeliveryClaims}).
 *
 * <p>What goes in: the watch id, the kind, the party, the action, the outcomes before and after, the cause and
 * the detail. The instant ({@code at}) goes in for every kind but {@code decision.changed}: each instance
 * computes a decision change at its own instant, whereas an alert is raised once, by one instance, at an
 * instant it stores, and two alerts of one reseller with the same figures are told apart only by it. The
 * reasons are left out: they follow from the new decision, which the outcome and the cause already name.
 *
 * <p>The id keeps the form the header always had, a UUID: version 8 (RFC 9562, custom), its bits the first
 * 128 of a SHA-256 over the fields, each written with its length so that no two lists of fields write alike.
 */
public final class EventId {

    // A new way of computing the id gets a new tag, so that ids of the two ways never meet.
    private static final String TAG = "clearance-watch-event-v1";

    private EventId() {}

    /** The id of {@code event} as delivered to the watch {@code watchId}. */
    public static String of(String watchId, WatchEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, TAG);
            write(out, watchId);
            write(out, event.kind());
            write(out, event.partyId());
            write(out, event.action());
            write(out, event.before() == null ? null : event.before().name());
            write(out, event.after() == null ? null : event.after().name());
            write(out, event.cause());
            write(out, event.detail());
            boolean instantOfItsOwn = !WatchEvent.DECISION_CHANGED.equals(event.kind());
            write(out, instantOfItsOwn && event.at() != null ? event.at().toString() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory stream does not fail", e);
        }
        return uuid(sha256(bytes.toByteArray()));
    }

    // A null is written as length -1, so that it differs from the empty text.
    private static void write(DataOutputStream out, String field) throws IOException {
        if (field == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String uuid(byte[] hash) {
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80); // version 8
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // variant of RFC 9562
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }
}
