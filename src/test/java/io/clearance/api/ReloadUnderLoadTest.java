package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reload under concurrent load: while several clients ask for decisions, the rule files are rewritten
 * many times, valid and broken alternately, and reloaded (by the endpoint and by the watcher). Every
 * decision must be answered 200 by a whole, valid rule set, and no broken version may ever serve.
 */
@QuarkusTest
@TestProfile(TempPolicyProfile.class)
class ReloadUnderLoadTest {

    private static final int REWRITES = 24;
    private static final int CLIENTS = 4;

    @AfterEach
    void restore() {
        TempPolicyProfile.restoreBundledRules();
        given().post("/v1/policy/reload").then().statusCode(200);
    }

    @Test
    void decisionsNeverFailNorSeeABrokenRuleSet() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Client", "kind", "COMPANY", "country", "US"))
                .put("/v1/parties/load-" + run)
                .then()
                .statusCode(201);
        Path exemptions = TempPolicyProfile.rules().resolve("exemptions.drl");
        String original = Files.readString(exemptions);

        Set<String> validVersions = ConcurrentHashMap.newKeySet();
        Set<String> brokenVersions = ConcurrentHashMap.newKeySet();
        validVersions.add(given().get("/v1/policy").then().extract().path("version"));
        Set<String> answeredVersions = ConcurrentHashMap.newKeySet();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (writing.get()) {
                    Response response = given().contentType(ContentType.JSON)
                            .body(Map.of("subject", Map.of("partyId", "load-" + run), "action", "publication.read"))
                            .post("/v1/decisions");
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.asString());
                    } else {
                        answeredVersions.add(response.path("policyVersion"));
                        answered.incrementAndGet();
                    }
                }
            }));
        }
        try {
            for (int i = 0; i < REWRITES; i++) {
                boolean broken = i % 2 == 1;
                // Each valid rewrite changes a message, so each is a new version.
                String content = broken
                        ? original.replace("then", "then oops(")
                        : original.replace("readable by everyone, ", "readable by everyone (edit " + i + "), ");
                Files.writeString(exemptions, content);
                Response reload = given().post("/v1/policy/reload");
                if (broken) {
                    assertEquals(422, reload.statusCode(), reload.asString());
                    brokenVersions.add(reload.path("errors") == null ? "" : versionOf(content));
                } else {
                    assertEquals(200, reload.statusCode(), reload.asString());
                    validVersions.add(reload.path("version"));
                }
            }
        } finally {
            writing.set(false);
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
        }

        assertTrue(
                failures.isEmpty(),
                "decisions failed during reloads: " + failures.subList(0, Math.min(5, failures.size())));
        assertTrue(answered.get() > 0, "the clients got answers");
        assertTrue(
                validVersions.containsAll(answeredVersions),
                "answered by " + answeredVersions + ", valid were " + validVersions);
        for (String broken : brokenVersions) {
            assertTrue(!answeredVersions.contains(broken), "a broken version served: " + broken);
        }
        given().get("/v1/policy").then().statusCode(200);
    }

    /** The version a rule set would have, as the server computes it, for the rules folder with one file changed. */
    private static String versionOf(String exemptionsContent) throws java.io.IOException {
        List<io.clearance.engine.RuleSource> sources = new ArrayList<>();
        for (io.clearance.engine.RuleSource source :
                io.clearance.engine.RuleSource.readDirectory(TempPolicyProfile.rules())) {
            sources.add(
                    source.name().equals("exemptions.drl")
                            ? new io.clearance.engine.RuleSource(source.name(), exemptionsContent)
                            : source);
        }
        return io.clearance.engine.RuleSetCompiler.version(
                sources, io.clearance.policy.PolicyDocument.read(TempPolicyProfile.ROOT.resolve("policies/policy.md")));
    }
}
