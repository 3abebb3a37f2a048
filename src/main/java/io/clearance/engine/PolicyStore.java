package io.clearance.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.policy.PolicyDocument;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Keeps every rule-set version that served, and the history of load attempts, in the database. */
@ApplicationScoped
public class PolicyStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Stores a version the first time it serves; later activations of the same content keep the first date. */
    public void saveServedVersion(RuleSet ruleSet, PolicyDocument policy) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (RuleSetVersionEntity.findById(ruleSet.version()) != null) {
                return;
            }
            RuleSetVersionEntity entity = new RuleSetVersionEntity();
            entity.version = ruleSet.version();
            entity.firstServedAt = Instant.now();
            Map<String, String> files = new LinkedHashMap<>();
            ruleSet.sources().forEach(s -> files.put(s.name(), s.content()));
            entity.sourcesJson = toJson(files);
            entity.policyName = policy.name();
            entity.policyContent = policy.content();
            entity.persist();
        });
    }

    /**
     * The files and written policy of a version that once served, re-hashed against the version id first.
     *
     * @throws PolicyVersionTamperedException when they were changed since they were stored
     */
    public Optional<StoredVersion> servedVersion(String version) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            RuleSetVersionEntity entity = RuleSetVersionEntity.findById(version);
            if (entity == null) {
                return Optional.<StoredVersion>empty();
            }
            Map<String, String> files = fromJson(entity.sourcesJson);
            List<RuleSource> sources = new ArrayList<>();
            files.forEach((name, content) -> sources.add(new RuleSource(name, content)));
            PolicyDocument policy = PolicyDocument.parse(entity.policyName, entity.policyContent);
            // The version id is the content hash: stored files that no longer produce it were edited.
            String recomputed = RuleSetCompiler.version(sources, policy);
            if (!recomputed.equals(entity.version)) {
                throw new PolicyVersionTamperedException(entity.version, recomputed);
            }
            return Optional.of(new StoredVersion(entity.version, entity.firstServedAt, sources, policy));
        });
    }

    public void saveAttempt(LoadAttempt attempt) {
        QuarkusTransaction.requiringNew().run(() -> {
            LoadAttemptEntity entity = new LoadAttemptEntity();
            entity.at = attempt.at();
            entity.trigger = attempt.trigger().name();
            entity.outcome = attempt.outcome().name();
            entity.version = attempt.version();
            entity.ruleCount = attempt.ruleCount();
            entity.errors = attempt.errors().isEmpty()
                    ? null
                    : attempt.errors().stream().map(CompileError::toString).collect(Collectors.joining("\n"));
            entity.persist();
        });
    }

    /** The newest attempts first. */
    public List<StoredAttempt> recentAttempts(int limit) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> LoadAttemptEntity.<LoadAttemptEntity>find("order by id desc").page(0, limit).list().stream()
                        .map(e -> new StoredAttempt(
                                e.at,
                                e.trigger,
                                e.outcome,
                                e.version,
                                e.ruleCount,
                                e.errors == null ? List.<String>of() : List.of(e.errors.split("\n"))))
                        .toList());
    }

    /** A version that served, as stored. */
    public record StoredVersion(
            String version, Instant firstServedAt, List<RuleSource> sources, PolicyDocument policy) {}

    /** An attempt as stored; errors as {@code file:line:column: message} lines. */
    public record StoredAttempt(
            Instant at, String trigger, String outcome, String version, int ruleCount, List<String> errors) {}

    private static String toJson(Map<String, String> files) {
        try {
            return JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule files are not readable", e);
        }
    }
}
