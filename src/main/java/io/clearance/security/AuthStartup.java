package io.clearance.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * What authentication needs at start: refuses a disabled authentication in production unless the operator
 * gave it at launch, warns at every start while it is disabled, checks the environment's admin key, reads the
 * keys into memory, and on the very first start (no key stored, none in the environment) creates an admin
 * key and prints it once.
 */
@ApplicationScoped
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class);
    static final String ENABLED = "clearance.auth.enabled";
    static final String BOOTSTRAP_NAME = "bootstrap-admin";

    private final AuthConfig config;
    private final ApiKeyStore store;

    AuthStartup(AuthConfig config, ApiKeyStore store) {
        this.config = config;
        this.store = store;
    }

    // Before anything serves (the audit log starts at priority 1).
    void onStart(@Observes @Priority(0) StartupEvent event) {
        if (!config.enabled()) {
            refuseInProductionUnlessExplicit(LaunchMode.current());
            LOG.warn("AUTHENTICATION IS DISABLED (clearance.auth.enabled=false): anyone who reaches this port can"
                    + " change the registry and the policy and read the audit trail. For a local trial only.");
        }
        config.adminKey().ifPresent(AuthStartup::checkAdminKey);
        store.load();
        if (config.enabled() && store.isEmpty() && config.adminKey().isEmpty()) {
            createFirstAdminKey();
        }
    }

    static void refuseInProductionUnlessExplicit(LaunchMode mode) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        ConfigValue value =
                ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigValue(ENABLED);
        if (!explicit(value.getConfigSourceName())) {
            throw new IllegalStateException("clearance.auth.enabled=false comes from " + value.getConfigSourceName()
                    + "; in production authentication can only be disabled explicitly at launch:"
                    + " CLEARANCE_AUTH_ENABLED=false or -Dclearance.auth.enabled=false");
        }
    }

    /** Given at launch by the operator: an environment variable or a system property, not a bundled file. */
    static boolean explicit(String sourceName) {
        return sourceName != null
                && (sourceName.startsWith("EnvConfigSource") || sourceName.startsWith("SysPropConfigSource"));
    }

    static void checkAdminKey(String key) {
        if (!key.startsWith(ApiKeySecret.PREFIX) || key.length() < ApiKeySecret.PREFIX.length() + 32) {
            throw new IllegalStateException(
                    "CLEARANCE_ADMIN_KEY must be `clr_` followed by at least 32 random characters,"
                            + " e.g. clr_$(openssl rand -hex 32)");
        }
        // A placeholder of a shipped file (deploy/kubernetes/secret.yaml) is long enough and public: applied
        // as it stands it would open every instance to whoever read the repository.
        if (PLACEHOLDER.matcher(key).find()) {
            throw new IllegalStateException("CLEARANCE_ADMIN_KEY is a placeholder (it says `change me`): create a"
                    + " key of your own, e.g. clr_$(openssl rand -hex 32), and put it in the Secret");
        }
    }

    /** What a placeholder key says, in any spelling: {@code change-me}, {@code change_me}, {@code CHANGEME}. */
    static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("change[-_.]?me", java.util.regex.Pattern.CASE_INSENSITIVE);

    private void createFirstAdminKey() {
        ApiKeySecret.Generated generated = ApiKeySecret.generate();
        store.create(generated.id(), generated.key(), BOOTSTRAP_NAME, Set.of(Roles.ADMIN), null, Actor.SYSTEM.id());
        LOG.warnf(
                "No API key existed: created the admin key `%s` (id %s). It is shown this once; keep it, create"
                        + " keys for each caller with it (POST /v1/admin/api-keys), and revoke it when done.",
                generated.key(), generated.id());
        config.bootstrapKeyFile().ifPresent(file -> write(file, generated.key()));
    }

    private static void write(Path file, String key) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            // Created owner-only before the key is in it, so that it is never readable by others.
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                LOG.warnf("could not restrict %s to its owner on this file system", file);
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the admin key to " + file + ": " + e.getMessage(), e);
        }
    }
}
