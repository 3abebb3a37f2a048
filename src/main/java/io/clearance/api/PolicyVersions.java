package io.clearance.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSource;
import io.clearance.problem.ErrorCode;
import io.clearance.release.Activation;
import io.clearance.release.PolicyRelease;
import io.clearance.release.ReleaseHistory;
import io.clearance.release.ReleaseOptions;
import io.clearance.release.RuleSetDiff;
import io.clearance.security.CurrentActor;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The history of released rule-set versions over HTTP: who released which version, when, how and why, with
 * what the scenarios said; activating a stored version again (a rollback, through the release gate); and the
 * difference between two versions.
 */
@Path("/v1/policy/versions")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyVersions {

    private final PolicyEngine engine;
    private final PolicyRelease release;
    private final ReleaseHistory history;
    private final CurrentActor actor;
    private final ObjectMapper json;

    PolicyVersions(
            PolicyEngine engine, PolicyRelease release, ReleaseHistory history, CurrentActor actor, ObjectMapper json) {
        this.engine = engine;
        this.release = release;
        this.history = history;
        this.actor = actor;
        this.json = json;
    }

    /** The releases, newest first; the first one serves. */
    @GET
    public PolicyReleases list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return new PolicyReleases(engine.active().version(), history.recent(Math.max(1, Math.min(limit, 1000))));
    }

    /** Serves a stored version again; 404 when it never served, 422 when it fails the release gate. */
    @POST
    @Path("/{version}/activate")
    public LoadAttempt activate(
            @PathParam("version") String version,
            @QueryParam("message") String message,
            @QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("reason") String reason) {
        ReleaseOptions options = options(message, force, reason);
        return release.activate(version, actor.get(), options).orElseThrow(() -> unknown(version));
    }

    /** What changed from version {@code a} to version {@code b}. */
    @GET
    @Path("/{a}/diff/{b}")
    public RuleSetDiff diff(@PathParam("a") String a, @PathParam("b") String b) {
        return RuleSetDiff.between(stored(a), stored(b), json);
    }

    private RuleSet stored(String version) {
        return engine.ruleSet(version).orElseThrow(() -> unknown(version));
    }

    private static ProblemException unknown(String version) {
        return new ProblemException(
                ErrorCode.UNKNOWN_POLICY_VERSION,
                "no policy version `" + version + "` ever served; GET /v1/policy/versions lists those that did");
    }

    /** The release options of a request; a forced release must say why. */
    static ReleaseOptions options(String message, boolean force, String reason) {
        if (force && (reason == null || reason.isBlank())) {
            throw new ProblemException(
                    ErrorCode.MISSING_FORCE_REASON, "`force=true` overrides the release gate and needs a `reason`");
        }
        if ((message != null && message.length() > 2000) || (reason != null && reason.length() > 2000)) {
            throw new ProblemException(
                    ErrorCode.MESSAGE_TOO_LONG, "`message` and `reason` take at most 2000 characters");
        }
        return new ReleaseOptions(message, force, force ? reason.strip() : null);
    }

    /**
     * How the files on disk differ from the serving version, when they do: after a restart the released
     * version serves whatever the rules folder holds, and an author must see that.
     */
    static Optional<DiskVersion> onDisk(PolicyEngine engine, RuleSet serving) {
        Optional<String> disk = engine.diskVersion();
        if (disk.isEmpty() || disk.get().equals(serving.version())) {
            return Optional.empty();
        }
        Map<String, String> served = new LinkedHashMap<>();
        serving.sources().forEach(s -> served.put(s.name(), s.content()));
        List<String> changed = new java.util.ArrayList<>();
        List<RuleSource> files = engine.diskSources();
        for (RuleSource file : files) {
            if (!file.content().equals(served.remove(file.name()))) {
                changed.add(file.name());
            }
        }
        changed.addAll(served.keySet());
        return Optional.of(new DiskVersion(
                disk.get(),
                true,
                changed.stream().sorted().toList(),
                "the rules folder differs from the released version that serves; POST /v1/policy/reload releases it"));
    }

    /** For the policy page: the releases with their test summaries. */
    static List<Activation> recent(ReleaseHistory history, int limit) {
        return history.recent(limit);
    }
}
