package io.clearance.api;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.RegistryImport;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A registry of its own holding one chain of {@link #HOPS} majority stakes below a CN seed, poured in with
 * the bulk import before the application starts: through the registry service one stake at a time it would
 * take many minutes, and in the shared test database it would slow every other test's whole-registry work.
 */
public class DeepChainRegistry implements QuarkusTestResourceLifecycleManager {

    static final int HOPS = 100_000;
    static final String SEED = "deep-0";
    static final String BOTTOM = "deep-" + HOPS;

    @Override
    public Map<String, String> start() {
        try {
            Path folder = Files.createTempDirectory(Path.of("target"), "deep-chain-");
            String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("clearance") + ";DB_CLOSE_ON_EXIT=FALSE";
            RegistryImport.run(
                    sink -> {
                        sink.party(new PartyInfo(SEED, "Deep Seed", PartyKind.COMPANY, "CN", null));
                        for (int i = 1; i <= HOPS; i++) {
                            sink.party(new PartyInfo("deep-" + i, "Deep Link " + i, PartyKind.COMPANY, "DE", null));
                        }
                        StakeTerms majority = StakeTerms.exact(Share.fromPercent("51"));
                        for (int i = 1; i <= HOPS; i++) {
                            sink.stake("deep-" + i, "deep-" + (i - 1), majority);
                        }
                        return List.of();
                    },
                    url,
                    "sa",
                    "");
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    url,
                    "clearance.db.url",
                    url,
                    // The imported chain is the registry under test: the test profile's clean start would drop it.
                    "quarkus.flyway.clean-at-start",
                    "false",
                    "%test.quarkus.flyway.clean-at-start",
                    "false");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not import the deep chain: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        // The database lives under target/, removed with the build.
    }
}
