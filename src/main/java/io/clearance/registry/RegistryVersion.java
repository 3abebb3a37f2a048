package io.clearance.registry;

/**
 * The statements of the registry's version counter (table {@code registry_version}, one row): raised in
 * the transaction of every change (by {@link io.clearance.registry.outbox.RegistryOutbox}, which records the change at it), read when the registry is loaded, so that the version a decision names
 * identifies one state of the registry across restarts and never goes back.
 */
final class RegistryVersion {

    static final String READ = "select version from registry_version where id = 1";

    private RegistryVersion() {}
}
