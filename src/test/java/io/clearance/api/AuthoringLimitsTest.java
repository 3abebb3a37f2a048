package io.clearance.api;

import static io.clearance.api.ApiTestSupport.PROBLEM_JSON;
import static io.clearance.api.ApiTestSupport.api;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Over HTTP: while two candidate runs are in progress, impact and validate are answered 429 {@code busy}. */
@QuarkusTest
class AuthoringLimitsTest {

    @Inject
    AuthoringWork work;

    @Test
    void aThirdCandidateRunIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> first =
                CompletableFuture.runAsync(() -> work.run("held", () -> false, b -> hold(release)));
        CompletableFuture<?> second =
                CompletableFuture.runAsync(() -> work.run("held", () -> false, b -> hold(release)));
        try {
            while (work.inProgress() < 2) {
                Thread.sleep(5);
            }
            Map<String, Object> candidate = Map.of("files", Map.of("a.drl", "package x;"));
            for (String endpoint : new String[] {"/v1/policy/impact", "/v1/policy/validate"}) {
                api().body(candidate)
                        .when()
                        .post(endpoint)
                        .then()
                        .statusCode(429)
                        .contentType(PROBLEM_JSON)
                        .body("code", equalTo("busy"));
            }
        } finally {
            release.countDown();
            first.get();
            second.get();
        }
    }

    private static Object hold(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
