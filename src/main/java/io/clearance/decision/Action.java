package io.clearance.decision;

import java.util.Arrays;
import java.util.Optional;

/** The actions a gateway can ask about; their wire names are part of the v1 contract. */
public enum Action {
    API_ACCESS("api.access"),
    COMMERCIAL_PARTNERSHIP("commercial.partnership"),
    PUBLICATION_READ("publication.read");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Action> fromWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
