package io.clearance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Clearance's own settings ({@code clearance.*}); every one has a default that runs out of the box. */
@ConfigMapping(prefix = "clearance")
public interface ClearanceConfig {

    /** The folder of {@code *.drl} rule files, relative to the working directory. */
    @WithDefault("rules")
    Path rulesDir();

    /** The folder of the written policy and its scenario tests. */
    @WithDefault("policies")
    Path policiesDir();

    /** The written policy inside {@link #policiesDir()}. */
    @WithDefault("policy.md")
    String policyDocument();

    DemoRegistry demoRegistry();

    /** This instance among those sharing one database. */
    InstanceSettings instance();

    /** Who this instance is ({@code clearance.instance.*}). */
    interface InstanceSettings {

        /**
         * Its id, naming its audit chain (1 to 64 letters, digits, {@code . - _}); unset, one is generated once
         * into the audit data folder ({@code instance.id}) and kept there.
         */
        Optional<String> id();
    }

    Watch watch();

    /** How rule sets are released. */
    PolicySettings policy();

    /** How rule sets are released. */
    interface PolicySettings {

        /**
         * Reload when files under the rules or policies folder change: a development tool, on in
         * {@code quarkus:dev}, off by default in the packaged server and Docker image.
         */
        @WithDefault("false")
        boolean watch();

        /**
         * How often an instance looks for a release made by another instance on the same database, then
         * serves it ({@code io.clearance.release.ReleaseFollower}); the scheduler takes no period under a second.
         */
        @WithDefault("1s")
        Duration followInterval();
    }

    /** The folder watcher's timing; whether it runs is {@link PolicySettings#watch()}. */
    interface Watch {

        /** Quiet time after the last change before reloading, so that an editor's burst of writes reloads once. */
        @WithDefault("300ms")
        Duration debounce();
    }

    /**
     * The database settings that {@code application.properties} passes on to {@code quarkus.datasource.*}.
     * Declared so that {@code -Dclearance.db.url=...} is a known setting: an undeclared key under this
     * mapping's prefix stops the application at start.
     */
    Db db();

    /** Where the registry is stored; whatever is unset falls back to the embedded H2 database. */
    interface Db {

        /** Read when the application is built: {@code h2} or {@code postgresql}. */
        Optional<String> kind();

        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    /** The small fictional registry loaded into an empty database so a newcomer can curl a decision. */
    interface DemoRegistry {

        @WithDefault("false")
        boolean enabled();

        /** A classpath resource or a file path. */
        @WithDefault("demo/registry.yaml")
        String source();
    }
}
