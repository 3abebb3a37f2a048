package io.clearance.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches the evidence a scenario expects against the evidence a decision carries, as the answer's JSON
 * shows it: the expectation is a subset (maps need only the keys written, lists are compared element by
 * element up to the expected length) and numbers compare by value, so {@code 60} matches {@code 60.0}. The
 * expectation is what the scenario's YAML says, of whatever shape its author wrote: plain maps and lists.
 */
final class EvidenceMatcher {

    private EvidenceMatcher() {}

    /** The first mismatch, described with its path; empty when {@code actual} satisfies {@code expected}. */
    static Optional<String> mismatch(String path, Object expected, JsonNode actual) {
        if (expected instanceof Map<?, ?> want) {
            if (actual == null || !actual.isObject()) {
                return Optional.of(path + ": expected an object, got " + shown(actual));
            }
            for (Map.Entry<?, ?> entry : want.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!actual.has(key)) {
                    return Optional.of(path + "." + key + ": missing");
                }
                Optional<String> inner = mismatch(path + "." + key, entry.getValue(), actual.get(key));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected instanceof List<?> want) {
            if (actual == null || !actual.isArray() || actual.size() < want.size()) {
                return Optional.of(path + ": expected a list of at least " + want.size() + ", got " + shown(actual));
            }
            for (int i = 0; i < want.size(); i++) {
                Optional<String> inner = mismatch(path + "[" + i + "]", want.get(i), actual.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected instanceof Number want && actual != null && actual.isNumber()) {
            return new BigDecimal(want.toString()).compareTo(actual.decimalValue()) == 0
                    ? Optional.empty()
                    : Optional.of(path + ": expected " + want + ", got " + shown(actual));
        }
        boolean absent = actual == null || actual.isNull() || actual.isMissingNode();
        if (expected == null ? absent : !absent && expected.toString().equals(shown(actual))) {
            return Optional.empty();
        }
        return Optional.of(path + ": expected " + expected + ", got " + shown(actual));
    }

    /** A value as the messages show it: text without quotes, numbers plain, containers as JSON. */
    private static String shown(JsonNode actual) {
        if (actual == null || actual.isMissingNode()) {
            return "null";
        }
        if (actual.isNumber()) {
            return actual.decimalValue().toPlainString();
        }
        return actual.isValueNode() ? actual.asText() : actual.toString();
    }
}
