package io.clearance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

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

    Watch watch();

    /** Picking up edits to the rules and policies folders while the server runs. */
    interface Watch {

        @WithDefault("true")
        boolean enabled();

        /** Quiet time after the last change before reloading, so that an editor's burst of writes reloads once. */
        @WithDefault("300ms")
        Duration debounce();
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
