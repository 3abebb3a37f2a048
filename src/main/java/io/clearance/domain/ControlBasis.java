package io.clearance.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Control held without (or beside) a percentage, as GLEIF Level 2 relationships and BODS
 * {@code otherInfluenceOrControl} interests record it. What control means is the rules' choice: an
 * {@code OwnershipMeasure} names the bases through which a restricted controller restricts what it controls.
 */
public enum ControlBasis {
    /** The controller consolidates the party in its accounts (GLEIF "IS_DIRECTLY_CONSOLIDATED_BY"). */
    CONSOLIDATION("consolidation"),
    /** The controller may appoint or remove a majority of the board (BODS {@code appointmentOfBoard}). */
    BOARD_APPOINTMENT("board-appointment"),
    /** Any other influence or control (BODS {@code otherInfluenceOrControl}). */
    OTHER_INFLUENCE("other-influence");

    private final String wireName;

    ControlBasis(String wireName) {
        this.wireName = wireName;
    }

    /** The name the API, registry files and evidence use, e.g. {@code consolidation}. */
    public String wireName() {
        return wireName;
    }

    /** The bit this basis takes in {@link StakeTerms#controlBits()}. */
    public int bit() {
        return 1 << ordinal();
    }

    public static Optional<ControlBasis> ofWireName(String name) {
        return Arrays.stream(values()).filter(b -> b.wireName.equals(name)).findFirst();
    }
}
