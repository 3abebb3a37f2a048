package io.clearance.registry;

/**
 * The statements of the registry's version counter (table {@code registry_version}, one row): raised in
 * the transaction of every change, read when the registry is loaded, so that the version a decision names
 * identifies one state of the registry across restarts and never goes back.
 */
final class RegistryVersion {

    static final String READ = "select version from registry_version where id = 1";

    static final String RAISE = "update registry_version set version = version + 1 where id = 1";

    private RegistryVersion() {}
}
