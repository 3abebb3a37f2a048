package io.clearance.release;

/**
 * What the person releasing says: a message for the history, and the emergency override of the release
 * gate ({@code force}), which needs a reason and is recorded with it.
 */
public record ReleaseOptions(String message, boolean force, String reason) {

    public static final ReleaseOptions NONE = new ReleaseOptions(null, false, null);
}
