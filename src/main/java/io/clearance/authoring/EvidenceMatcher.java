package io.clearance.authoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches the evidence a scenario expects against the evidence a decision carries: the expectation is a
 * subset (maps need only the keys written, lists are compared element by element up to the expected
 * length) and numbers compare by value, so {@code 60} matches {@code 60.0}.
 */
final class EvidenceMatcher {

    private EvidenceMatcher() {}

    /** The first mismatch, described with its path; empty when {@code actual} satisfies {@code expected}. */
    static Optional<String> mismatch(String path, Object expected, Object actual) {
        if (expected instanceof Map<?, ?> want) {
            if (!(actual instanceof Map<?, ?> got)) {
                return Optional.of(path + ": expected an object, got " + actual);
            }
            for (Map.Entry<?, ?> entry : want.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!got.containsKey(key)) {
                    return Optional.of(path + "." + key + ": missing");
                }
                Optional<String> inner = mismatch(path + "." + key, entry.getValue(), got.get(key));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected instanceof List<?> want) {
            if (!(actual instanceof List<?> got) || got.size() < want.size()) {
                return Optional.of(path + ": expected a list of at least " + want.size() + ", got " + actual);
            }
            for (int i = 0; i < want.size(); i++) {
                Optional<String> inner = mismatch(path + "[" + i + "]", want.get(i), got.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (expected instanceof Number want && actual instanceof Number got) {
            return new BigDecimal(want.toString()).compareTo(new BigDecimal(got.toString())) == 0
                    ? Optional.empty()
                    : Optional.of(path + ": expected " + want + ", got " + got);
        }
        if (expected == null ? actual == null : expected.toString().equals(String.valueOf(actual))) {
            return Optional.empty();
        }
        return Optional.of(path + ": expected " + expected + ", got " + actual);
    }
}
