package io.clearance.release;

import io.clearance.engine.LoadAttempt;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The releases of rule sets, kept in the database: the newest is what serves after a restart. */
@ApplicationScoped
public class ReleaseHistory {

    /** Stores a release; runs in its own transaction, so that it is durable before the version serves. */
    public void record(Activation activation) {
        QuarkusTransaction.requiringNew().run(() -> {
            ActivationEntity entity = new ActivationEntity();
            entity.version = activation.version();
            entity.activatedAt = activation.activatedAt();
            entity.actor = activation.actor();
            entity.how = activation.how().name();
            entity.message = activation.message();
            entity.forced = activation.forced();
            entity.forceReason = activation.forceReason();
            if (activation.tests() != null) {
                entity.testsPassed = activation.tests().passed();
                entity.testsFailed = activation.tests().failed();
                entity.testsUncovered = activation.tests().uncoveredRules();
                entity.testFailures = activation.tests().failures().isEmpty()
                        ? null
                        : String.join("\n", activation.tests().failures());
            }
            entity.previousVersion = activation.previousVersion();
            entity.persist();
        });
    }

    /** The newest release: the version that serves, or that a restart serves. */
    public Optional<Activation> latest() {
        return QuarkusTransaction.joiningExisting()
                .call(() -> ActivationEntity.<ActivationEntity>find("order by id desc")
                        .firstResultOptional()
                        .map(ReleaseHistory::view));
    }

    /**
     * The newest release recorded after the one numbered {@code afterId}, with its number; empty when there is
     * none. Every instance on the database reads the same rows, so this is how one learns of another's release.
     */
    public Optional<Numbered> newestAfter(long afterId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> ActivationEntity.<ActivationEntity>find("id > ?1 order by id desc", afterId)
                        .firstResultOptional()
                        .map(e -> new Numbered(e.id, view(e))));
    }

    /** A release with its row number, which orders releases across instances. */
    public record Numbered(long id, Activation activation) {}

    /** The newest releases first. */
    public List<Activation> recent(int limit) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> ActivationEntity.<ActivationEntity>find("order by id desc").page(0, limit).list().stream()
                        .map(ReleaseHistory::view)
                        .toList());
    }

    /** Whether a version was ever released into service (so activating it again is a rollback). */
    public boolean everServed(String version) {
        return QuarkusTransaction.joiningExisting().call(() -> ActivationEntity.count("version", version) > 0);
    }

    private static Activation view(ActivationEntity e) {
        TestSummary tests = e.testsPassed == null
                ? null
                : new TestSummary(
                        e.testsPassed,
                        e.testsFailed,
                        e.testsUncovered,
                        e.testFailures == null ? List.of() : List.of(e.testFailures.split("\n")));
        return new Activation(
                e.version,
                e.activatedAt,
                e.actor,
                LoadAttempt.Trigger.valueOf(e.how),
                e.message,
                e.forced,
                e.forceReason,
                tests,
                e.previousVersion);
    }
}
