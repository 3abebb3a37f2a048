package io.clearance.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes a decision's JSON once, and cuts it into the template a memoised decision is answered again from:
 * the bytes around the three values that differ between two answers to the same question (its {@code
 * decisionId}, its {@code registryVersion}, the graph state it holds for, and its {@code decidedAt}). A hit
 * copies the slices around three freshly written values; no serialiser runs.
 */
public final class DecisionJson {

    private static final byte[] ID_KEY = ascii("\"decisionId\":\"");
    private static final byte[] VERSION_KEY = ascii("\"registryVersion\":");
    private static final byte[] TIME_KEY = ascii("\"decidedAt\":\"");

    private final ObjectWriter writer;

    /** Writes with {@code json}, the application's mapper (the one the HTTP layer would have used). */
    public DecisionJson(ObjectMapper json) {
        this.writer = json.writerFor(Decision.class);
    }

    /** A writer configured as the application's mapper writes decisions: for plain tests and the command line. */
    public static DecisionJson standalone() {
        return new DecisionJson(new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL));
    }

    /** The decision with its JSON. */
    public DecisionAnswer answer(Decision decision) {
        try {
            return new DecisionAnswer(decision, writer.writeValueAsBytes(decision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision always serialises", e);
        }
    }

    /**
     * The template of {@code answer}, or {@code null} when its three varying values are not where a template
     * needs them (then the memo keeps the decision and serialises each hit).
     */
    static Template template(DecisionAnswer answer) {
        Decision decision = answer.decision();
        byte[] json = answer.json();
        // invariant: top-level fields are written in the record's order, decisionId first and the reasons
        // after decidedAt; JSON escapes every quote inside a value, so a key found here is a real key.
        int id = valueAfter(json, ID_KEY, ascii(decision.decisionId() + "\""), 0);
        if (id < 0) {
            return null;
        }
        int idEnd = id + decision.decisionId().length();
        int version = valueAfter(json, VERSION_KEY, ascii(Long.toString(decision.registryVersion())), idEnd);
        if (version < 0) {
            return null;
        }
        int versionEnd = version + Long.toString(decision.registryVersion()).length();
        if (versionEnd >= json.length || (json[versionEnd] != ',' && json[versionEnd] != '}')) {
            return null;
        }
        String time = decision.decidedAt().toString();
        int timeAt = valueAfter(json, TIME_KEY, ascii(time + "\""), versionEnd);
        if (timeAt < 0) {
            return null;
        }
        return new Template(json, id, idEnd, version, versionEnd, timeAt, timeAt + time.length());
    }

    /**
     * The bytes of one memoised decision, cut around its varying values.
     *
     * <p>invariant: {@code idFrom <= idTo <= versionFrom <= versionTo <= timeFrom <= timeTo <= json.length}.
     */
    record Template(byte[] json, int idFrom, int idTo, int versionFrom, int versionTo, int timeFrom, int timeTo) {

        /**
         * The JSON of the same decision under another id, graph version and time; {@code null} when the id
         * would need escaping. The time is written as
         * {@link Instant#toString()} (ISO-8601, as Jackson's {@code InstantSerializer} writes it; the template
         * was only made when the mapper had written the original time that way).
         */
        byte[] fill(String decisionId, long registryVersion, Instant decidedAt) {
            if (!plain(decisionId)) {
                return null; // it would need escaping: the caller serialises instead
            }
            byte[] id = ascii(decisionId);
            byte[] version = ascii(Long.toString(registryVersion));
            byte[] time = ascii(decidedAt.toString());
            byte[] out = new byte
                    [json.length
                            - (idTo - idFrom)
                            - (versionTo - versionFrom)
                            - (timeTo - timeFrom)
                            + id.length
                            + version.length
                            + time.length];
            int at = copy(json, 0, idFrom, out, 0);
            at = copy(id, 0, id.length, out, at);
            at = copy(json, idTo, versionFrom, out, at);
            at = copy(version, 0, version.length, out, at);
            at = copy(json, versionTo, timeFrom, out, at);
            at = copy(time, 0, time.length, out, at);
            copy(json, timeTo, json.length, out, at);
            return out;
        }

        private static int copy(byte[] from, int start, int end, byte[] to, int at) {
            System.arraycopy(from, start, to, at, end - start);
            return at + end - start;
        }
    }

    /** Where the value after the first {@code key} at or after {@code from} starts, if it begins with {@code value}. */
    private static int valueAfter(byte[] json, byte[] key, byte[] value, int from) {
        int at = indexOf(json, key, from);
        if (at < 0) {
            return -1;
        }
        int start = at + key.length;
        if (start + value.length > json.length
                || !Arrays.equals(json, start, start + value.length, value, 0, value.length)) {
            return -1;
        }
        return start;
    }

    private static int indexOf(byte[] json, byte[] key, int from) {
        outer:
        for (int i = from; i <= json.length - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (json[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A decision id JSON writes as it is: printable ASCII without quote or backslash (a UUID always is). */
    private static boolean plain(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    // Ids, numbers and ISO instants are ASCII; a decision id is a UUID (tests use plain words).
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
