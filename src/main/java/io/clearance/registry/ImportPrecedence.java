package io.clearance.registry;

import java.util.Arrays;
import java.util.List;

/**
 * Which source wins when two state the same party or stake ({@code clearance.import.precedence}, first
 * wins): an import replaces what a source of the same or a lower precedence stated, and keeps what a higher
 * one stated. A source the list does not name ranks after every named one; a record without a source was
 * typed through the API.
 */
public final class ImportPrecedence {

    public static final String API = "api";
    public static final String DEFAULT = "api,gleif,uk-psc,bods,opensanctions";

    private final List<String> order;

    public ImportPrecedence(String configured) {
        this.order = Arrays.stream((configured == null || configured.isBlank() ? DEFAULT : configured).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Lower is stronger. */
    public int rank(String source) {
        int index = order.indexOf(source == null ? API : source);
        return index < 0 ? order.size() : index;
    }

    /** Whether {@code incoming} may replace what {@code stored} stated. */
    public boolean replaces(String incoming, String stored) {
        return rank(incoming) <= rank(stored);
    }

    public List<String> order() {
        return order;
    }
}
