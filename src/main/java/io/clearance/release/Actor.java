package io.clearance.release;

/**
 * Who released a rule set, as recorded in the version history: the authenticated principal when there is
 * one, {@code anonymous} for an unauthenticated request, {@code system} for what the server does itself
 * (the first start, the folder watcher).
 */
public record Actor(String name) {

    public static final Actor ANONYMOUS = new Actor("anonymous");
    public static final Actor SYSTEM = new Actor("system");
}
