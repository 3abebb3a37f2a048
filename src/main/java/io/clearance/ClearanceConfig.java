package io.clearance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

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

    /** The small fictional registry loaded into an empty database so a newcomer can curl a decision. */
    interface DemoRegistry {

        @WithDefault("false")
        boolean enabled();

        /** A classpath resource or a file path. */
        @WithDefault("demo/registry.yaml")
        String source();
    }
}
