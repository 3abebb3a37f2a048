package io.clearance.authoring;

/** A scenario file that cannot be run, named so that the author finds it. */
public final class ScenarioException extends RuntimeException {

    public ScenarioException(String file, String message) {
        super("`" + file + "` " + message);
    }
}
