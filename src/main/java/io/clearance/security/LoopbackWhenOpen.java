package io.clearance.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * With authentication disabled, the server listens on loopback only unless the operator names a host: an
 * open Clearance must not be reachable from the network by default. Its ordinal sits below the
 * environment and system properties, so an explicit {@code QUARKUS_HTTP_HOST} still wins.
 */
public class LoopbackWhenOpen implements ConfigSourceFactory {

    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue(AuthStartup.ENABLED);
        if (enabled == null
                || enabled.getValue() == null
                || !enabled.getValue().trim().equalsIgnoreCase("false")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.http.host", "127.0.0.1"), "clearance-loopback-when-auth-disabled", ORDINAL));
    }
}
