package io.clearance.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.watch.WebhookSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Many instances, one truth (issue 17): three packaged instances on loopback against one PostgreSQL database,
 * each with its own instance id and working folder. Registry writes made through one are decided on the
 * others; a release activated on one serves on all; {@code kill -9} of one under load loses no decision a
 * client was answered, the others keep answering, and the killed one comes back and catches up; the audit
 * chains of all three verify and any decision is found through any instance; a decision change every instance
 * computes reaches a watch's webhook once.
 *
 * <p>Runs only in the PostgreSQL pass of {@code .ci/run}: an embedded H2 file cannot be shared by three
 * processes. Every wait is for an eventual state within a generous bound (the machine is small and shared),
 * never an assertion about how long something took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterIT {

    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final String ADMIN_KEY = "clr_cluster-test-admin-key-0123456789abcdef";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Path work;
    private ClusterNode a;
    private ClusterNode b;
    private ClusterNode c;
    /** What the load recorded around the kill, for the tests after it. */
    private DecisionLoad.Tally onA;

    private DecisionLoad.Tally onB;
    private DecisionLoad.Tally onC;

    @BeforeAll
    void startThreeInstances() throws Exception {
        assumeTrue(
                "postgresql".equals(System.getenv("CLEARANCE_DB_KIND")),
                "three instances need a shared database: runs in the PostgreSQL pass only");
        assumeTrue(Files.exists(PackagedServer.JAR), "no packaged jar: run `./mvnw verify`");
        work = Files.createTempDirectory("clearance-cluster");
        Map<String, String> shared = sharedEnvironment();
        a = new ClusterNode("inst-a", work.resolve("a"), ADMIN_KEY, shared);
        b = new ClusterNode("inst-b", work.resolve("b"), ADMIN_KEY, shared);
        c = new ClusterNode("inst-c", work.resolve("c"), ADMIN_KEY, shared);

        // The first instance empties the database and loads the demo registry; the others join it after.
        a.start(Map.of("QUARKUS_FLYWAY_CLEAN_AT_START", "true"));
        assertTrue(a.awaitReady(START), "instance a never became ready:\n" + a.recentLog());
        CompletableFuture<Void> startB = CompletableFuture.runAsync(() -> start(b));
        CompletableFuture<Void> startC = CompletableFuture.runAsync(() -> start(c));
        CompletableFuture.allOf(startB, startC).join();
        assertTrue(b.awaitReady(START), "instance b never became ready:\n" + b.recentLog());
        assertTrue(c.awaitReady(START), "instance c never became ready:\n" + c.recentLog());
    }

    /**
     * What every instance of one deployment shares besides the database: the admin key and the audit keys
     * (so that any instance verifies any chain, as a Secret mounted into every pod gives them).
     */
    private Map<String, String> sharedEnvironment() throws Exception {
        byte[] chainKey = new byte[32];
        new SecureRandom().nextBytes(chainKey);
        KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, String> env = new HashMap<>();
        env.put("CLEARANCE_AUDIT_CHAIN_KEY", base64.encodeToString(chainKey));
        env.put(
                "CLEARANCE_AUDIT_SIGNING_KEY",
                base64.encodeToString(signing.getPrivate().getEncoded()));
        env.put(
                "CLEARANCE_AUDIT_SIGNING_PUBLIC_KEY",
                base64.encodeToString(signing.getPublic().getEncoded()));
        env.put("CLEARANCE_POLICY_WATCH", "false");
        env.put("CLEARANCE_RESELLERS_OVERSIGHT_EVERY", "off");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
        return env;
    }

    private static void start(ClusterNode node) {
        try {
            node.start(Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + node.id(), e);
        }
    }

    @AfterAll
    void stopAll() throws Exception {
        for (ClusterNode node : new ClusterNode[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
        if (work != null) {
            try (Stream<Path> tree = Files.walk(work)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    @Order(1)
    void aRegistryWriteOnAIsDecidedOnBAndC() throws Exception {
        String company = "cluster-" + run + "-one";
        ownedByDragonHoldings(a, company);
        for (ClusterNode other : List.of(b, c)) {
            ClusterNode.Answer seen = other.askUntil(PROPAGATION, ClusterIT::denied, n -> n.decide(access(company)));
            assertNotNull(seen, other.id() + " never answered");
            assertEquals(200, seen.status(), other.id() + " never knew " + company + ": " + seen.body());
            assertEquals("DENY", seen.text("decision"), other.id() + " did not see the stake: " + seen.body());
        }
    }

    @Test
    @Order(2)
    void aRequestMayAskForAtLeastTheRegistryVersionItWrote() throws Exception {
        String company = "cluster-" + run + "-ryw";
        ownedByDragonHoldings(a, company);
        ClusterNode.Answer onWriter = a.decide(access(company));
        assertEquals("DENY", onWriter.text("decision"), "the writer decides its own write: " + onWriter.body());
        long written = onWriter.body().path("registryVersion").asLong();

        // Asked on another instance for at least that version: decided on it (reflecting the write), or
        // refused as behind; never decided on an older registry.
        Map<String, Object> atLeast = new HashMap<>(access(company));
        atLeast.put("minRegistryVersion", written);
        ClusterNode.Answer onC = c.decide(atLeast);
        if (onC.status() == 200) {
            assertTrue(
                    onC.body().path("registryVersion").asLong() >= written,
                    onC.body().toString());
            assertEquals("DENY", onC.text("decision"), onC.body().toString());
        } else {
            assertEquals(503, onC.status(), onC.body().toString());
            assertEquals("registry-behind", onC.text("code"), onC.body().toString());
        }

        // A version nobody has written yet: refused with the stable code, not decided on an older registry.
        atLeast.put("minRegistryVersion", written + 1_000_000);
        ClusterNode.Answer ahead = b.decide(atLeast);
        assertEquals(503, ahead.status(), ahead.body().toString());
        assertEquals("registry-behind", ahead.text("code"), ahead.body().toString());
    }

    @Test
    @Order(3)
    void aReleaseActivatedOnBServesOnAAndC() throws Exception {
        String before = b.get("/v1/policy").text("version");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> drl = Files.list(Path.of("rules"))) {
            for (Path file : drl.filter(p -> p.toString().endsWith(".drl")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        // Another wording of one message: a rule set of its own version that passes the release gate.
        files.computeIfPresent(
                "exemptions.drl",
                (name, text) -> text.replace(
                        "stay readable by everyone", "stay readable by everyone (cluster run " + run + ")"));
        ClusterNode.Answer shadow = b.put("/v1/policy/shadow", Map.of("files", files));
        assertEquals(201, shadow.status(), shadow.body().toString());
        String candidate = shadow.text("version");
        ClusterNode.Answer promoted = b.post("/v1/policy/shadow/promote?message=cluster+test+" + run, null);
        assertEquals(200, promoted.status(), promoted.body().toString());
        assertEquals(candidate, b.get("/v1/policy").text("version"));
        servedEverywhere(candidate, a, c);

        // And back, from a third instance: the rollback reaches the two others in the same way.
        ClusterNode.Answer rollback =
                c.post("/v1/policy/versions/" + before + "/activate?message=cluster+test+back", null);
        assertEquals(200, rollback.status(), rollback.body().toString());
        servedEverywhere(before, a, b);
    }

    private static void servedEverywhere(String version, ClusterNode... nodes) throws InterruptedException {
        for (ClusterNode node : nodes) {
            ClusterNode.Answer policy =
                    node.askUntil(PROPAGATION, p -> version.equals(p.text("version")), n -> n.get("/v1/policy"));
            assertNotNull(policy, node.id() + " never answered GET /v1/policy");
            assertEquals(version, policy.text("version"), node.id() + " does not serve the activated version");
        }
    }

    @Test
    @Order(4)
    void killNineOfAUnderLoadLosesNoAnsweredDecisionAndAComesBackCaughtUp() throws Exception {
        String whileDown = "cluster-" + run + "-down";
        try (DecisionLoad load = new DecisionLoad(List.of(a, b, c), 2)) {
            onA = load.tally(a.id());
            onB = load.tally(b.id());
            onC = load.tally(c.id());
            assertTrue(
                    ClusterNode.eventually(Duration.ofSeconds(60), () -> onA.ids.size() >= 100),
                    "a answered too little before the kill: " + onA);
            a.kill();
            int bAtKill = onB.ids.size();
            int cAtKill = onC.ids.size();

            // While a is down, the registry changes through b...
            ownedByDragonHoldings(b, whileDown);
            // ...and b and c go on answering.
            assertTrue(
                    ClusterNode.eventually(
                            Duration.ofSeconds(60),
                            () -> onB.ids.size() >= bAtKill + 100 && onC.ids.size() >= cAtKill + 100),
                    "b and c stopped answering after a was killed: b " + onB + "; c " + onC);
        }
        assertEquals(0, onB.failures.get(), "b failed requests: " + onB);
        assertEquals(0, onC.failures.get(), "c failed requests: " + onC);

        // a comes back on its own working folder and ships the journal it had when it was killed.
        a.start(Map.of());
        assertTrue(a.awaitReady(START), "a never became ready again:\n" + a.recentLog());
        // Ready means caught up: the write made while it was down is decided at once.
        ClusterNode.Answer caughtUp = a.decide(access(whileDown));
        assertEquals("DENY", caughtUp.text("decision"), "a restarted behind the registry: " + caughtUp.body());

        Set<String> answered = new HashSet<>();
        Stream.of(onA, onB, onC).forEach(t -> answered.addAll(t.ids));
        Set<String> missing = new HashSet<>(answered);
        ClusterNode.eventually(Duration.ofSeconds(90), () -> {
            missing.removeAll(loggedDecisionIds());
            return missing.isEmpty();
        });
        assertEquals(
                Set.of(),
                missing.stream().limit(20).collect(Collectors.toSet()),
                missing.size() + " of " + answered.size() + " answered decisions (" + onA.ids.size()
                        + " from a before its kill) are not in the database");
    }

    @Test
    @Order(5)
    void theRestartedInstanceFollowsWritesMadeElsewhere() throws Exception {
        assertTrue(a.alive(), "a is not running (the kill test failed before its restart)");
        String afterRestart = "cluster-" + run + "-after";
        ownedByDragonHoldings(c, afterRestart);
        ClusterNode.Answer followed = a.askUntil(PROPAGATION, ClusterIT::denied, n -> n.decide(access(afterRestart)));
        assertEquals("DENY", followed.text("decision"), "a does not follow after its restart: " + followed.body());
    }

    @Test
    @Order(6)
    void aDecisionAnsweredByOneInstanceIsFoundThroughAnother() throws Exception {
        assertNotNull(onA, "the kill test did not run its load");
        String fromA = onA.ids.iterator().next();
        String fromC = onC.ids.iterator().next();
        assertEquals(200, c.get("/v1/audit/decisions/" + fromA).status(), "c does not find a's decision " + fromA);
        assertEquals(200, b.get("/v1/audit/decisions/" + fromC).status(), "b does not find c's decision " + fromC);
    }

    @Test
    @Order(7)
    void theAuditChainsOfAllInstancesVerify() throws Exception {
        for (ClusterNode node : List.of(a, b, c)) {
            ClusterNode.Answer all = node.get("/v1/audit/verify");
            assertEquals(200, all.status(), node.id() + ": " + all.body());
            assertTrue(all.body().path("intact").asBoolean(false), node.id() + " finds a broken chain: " + all.body());
            // Every instance's chain is covered, whichever instance verifies.
            Set<String> chains = new HashSet<>();
            all.body()
                    .path("chains")
                    .forEach(chain -> chains.add(chain.path("chainId").asText()));
            assertTrue(
                    chains.containsAll(Set.of(a.id(), b.id(), c.id())),
                    node.id() + " verified chains " + chains + ", not every instance's: " + all.body());
        }
        for (ClusterNode chain : List.of(a, b, c)) {
            ClusterNode.Answer one = b.get("/v1/audit/verify?chain=" + chain.id());
            JsonNode report = one.body();
            assertEquals(200, one.status(), report.toString());
            assertTrue(report.path("intact").asBoolean(false), "chain " + chain.id() + ": " + report);
            assertTrue(report.path("checked").asLong() > 0, "chain " + chain.id() + " holds nothing: " + report);
        }
    }

    @Test
    @Order(8)
    void aDecisionChangeAllThreeComputeReachesTheWebhookOnce() throws Exception {
        assertTrue(a.alive(), "a is not running (the kill test failed before its restart)");
        String company = "cluster-" + run + "-watched";
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            ClusterNode.Answer party = b.put(
                    "/v1/parties/" + company, Map.of("name", "Watched " + company, "kind", "COMPANY", "country", "DE"));
            assertEquals(201, party.status(), party.body().toString());
            for (ClusterNode node : List.of(a, b, c)) { // known everywhere, so that each gives it a baseline
                assertEquals(
                        200,
                        node.askUntil(PROPAGATION, r -> r.status() == 200, n -> n.decide(access(company)))
                                .status());
            }
            ClusterNode.Answer watch = b.post(
                    "/v1/watches",
                    Map.of(
                            "scope",
                            "parties",
                            "partyIds",
                            List.of(company),
                            "actions",
                            List.of("api.access"),
                            "webhookUrl",
                            receiver.url()));
            assertEquals(201, watch.status(), watch.body().toString());
            String watchPath = "/v1/watches/" + watch.text("id");
            Map<ClusterNode, Double> decidedBefore = new HashMap<>();
            for (ClusterNode node : List.of(a, b, c)) {
                assertEquals(
                        200,
                        node.askUntil(PROPAGATION, r -> r.status() == 200, n -> n.get(watchPath))
                                .status());
                decidedBefore.put(node, registryDecided(node));
            }

            ClusterNode.Answer stake =
                    c.put("/v1/parties/" + company + "/owners/dragon-holdings", Map.of("percent", 60));
            assertEquals(201, stake.status(), stake.body().toString());
            for (ClusterNode node : List.of(a, b, c)) { // every instance computes the change...
                assertTrue(
                        ClusterNode.eventually(PROPAGATION, () -> registryDecided(node) > decidedBefore.get(node)),
                        node.id() + " never decided the watched party again");
            }
            assertTrue(
                    ClusterNode.eventually(PROPAGATION, () -> !receiver.posts().isEmpty()), "no event came");
            TimeUnit.SECONDS.sleep(10); // ...and a copy, were one sent, comes within this quiet period

            List<WebhookReceiver.Post> posts = receiver.posts();
            assertEquals(1, posts.size(), () -> posts.size() + " posts: " + posts);
            JsonNode event = posts.get(0).body();
            assertEquals("decision.changed", event.path("kind").asText(), event.toString());
            assertEquals(company, event.path("partyId").asText(), event.toString());
            assertEquals("DENY", event.path("after").asText(), event.toString());
            assertEquals(posts.get(0).eventId(), event.path("id").asText(), "the header and the body name one id");
            assertEquals(
                    "sha256="
                            + WebhookSender.sign(
                                    watch.text("secret"), posts.get(0).raw()),
                    posts.get(0).signature());
        }
    }

    /** The parties {@code node} decided again after registry writes, to find what they flipped for watches. */
    private static double registryDecided(ClusterNode node) throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/q/metrics"))
                                .header("Authorization", "Bearer " + ADMIN_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(l -> l.startsWith("clearance_watches_decided_total{") && l.contains("cause=\"registry\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** A company in Germany, then 60% of it held by the demo's restricted Dragon Peak Holdings (CN). */
    private static void ownedByDragonHoldings(ClusterNode writer, String company) throws Exception {
        ClusterNode.Answer party = writer.put(
                "/v1/parties/" + company,
                Map.of("name", "Cluster Test " + company, "kind", "COMPANY", "country", "DE"));
        assertEquals(201, party.status(), writer.id() + ": " + party.body());
        ClusterNode.Answer stake =
                writer.put("/v1/parties/" + company + "/owners/dragon-holdings", Map.of("percent", 60));
        assertEquals(201, stake.status(), writer.id() + ": " + stake.body());
    }

    private static Map<String, Object> access(String partyId) {
        return Map.of("subject", Map.of("partyId", partyId), "action", "api.access");
    }

    private static boolean denied(ClusterNode.Answer answer) {
        return answer.status() == 200 && "DENY".equals(answer.text("decision"));
    }

    /** Every decision id of every chain in the shared database (emptied when the test's first instance started). */
    private static Set<String> loggedDecisionIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection db = DriverManager.getConnection(
                        System.getenv("CLEARANCE_DB_URL"),
                        System.getenv().getOrDefault("CLEARANCE_DB_USERNAME", "postgres"),
                        System.getenv().getOrDefault("CLEARANCE_DB_PASSWORD", ""));
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("select decision_id from audit_chain_record")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
