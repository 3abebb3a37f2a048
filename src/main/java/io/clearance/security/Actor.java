package io.clearance.security;

/**
 * Who made a change or asked for a decision, as the audit trail names them.
 *
 * @param id stable and unique: {@code key:<key id>}, {@code jwt:<token subject>}, {@code system},
 *     {@code watcher} (the rules-folder watcher), {@code cli:<os user>} (a command run on the host),
 *     {@code local} (authentication disabled) or {@code anonymous}
 * @param kind how the caller was recognised
 * @param keyId the API key's id when the caller used one, else {@code null}
 */
public record Actor(String id, Kind kind, String keyId) {

    /** The server itself: start-up, scheduled work. */
    public static final Actor SYSTEM = new Actor("system", Kind.SYSTEM, null);

    /** The rules-folder watcher, reloading files an author edited on the host. */
    public static final Actor WATCHER = new Actor("watcher", Kind.SYSTEM, null);

    /** Every caller while authentication is disabled ({@code clearance.auth.enabled=false}). */
    public static final Actor LOCAL = new Actor("local", Kind.LOCAL, null);

    public static final Actor ANONYMOUS = new Actor("anonymous", Kind.ANONYMOUS, null);

    /** How an actor was recognised. */
    public enum Kind {
        API_KEY,
        JWT,
        SYSTEM,
        /** A command of the command line, run by a user of the host without the server. */
        CLI,
        LOCAL,
        ANONYMOUS
    }

    public static Actor apiKey(String keyId) {
        return new Actor("key:" + keyId, Kind.API_KEY, keyId);
    }

    public static Actor jwt(String subject) {
        return new Actor("jwt:" + subject, Kind.JWT, null);
    }

    /** A command run on the host by the operating-system user {@code osUser}. */
    public static Actor cli(String osUser) {
        return new Actor("cli:" + osUser, Kind.CLI, null);
    }
}
