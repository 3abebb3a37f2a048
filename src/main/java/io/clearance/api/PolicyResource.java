package io.clearance.api;

import io.clearance.decision.ShadowEvaluator;
import io.clearance.engine.CompileError;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.PolicyStore;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetRejectedException;
import io.clearance.ownership.OwnershipGraph;
import io.clearance.policy.ImpactAnalysis;
import io.clearance.policy.ScenarioException;
import io.clearance.policy.ScenarioLoader;
import io.clearance.policy.ScenarioRunner;
import io.clearance.release.Actors;
import io.clearance.release.PolicyRelease;
import io.clearance.release.ReleaseOptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy author's desk over HTTP: what serves and its history, reload, validation of a candidate
 * without activation, the scenario runner, impact analysis on the registry, and shadow mode.
 */
@Path("/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyEngine engine;
    private final PolicyStore store;
    private final OwnershipGraph graph;
    private final ShadowEvaluator shadow;
    private final PolicyRelease release;
    private final Actors actors;

    PolicyResource(
            PolicyEngine engine,
            PolicyStore store,
            OwnershipGraph graph,
            ShadowEvaluator shadow,
            PolicyRelease release,
            Actors actors) {
        this.engine = engine;
        this.store = store;
        this.graph = graph;
        this.shadow = shadow;
        this.release = release;
        this.actors = actors;
    }

    /** The serving version, its rules and parameters, the shadow if any, and the newest load attempts. */
    @GET
    public Map<String, Object> describe(@QueryParam("history") @DefaultValue("20") int history) {
        PolicyEngine.Served served = engine.served();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", served.ruleSet().version());
        view.put("servingSince", served.since());
        view.put("loadedBy", served.trigger());
        view.put("rulesDir", engine.rulesDir().toAbsolutePath().toString());
        view.put("policyDocument", served.ruleSet().policy().name());
        view.put(
                "status",
                engine.lastAttempt()
                                .filter(a -> a.outcome() == LoadAttempt.Outcome.REJECTED)
                                .isPresent()
                        ? "degraded"
                        : "serving");
        engine.lastAttempt().ifPresent(a -> view.put("lastAttempt", a));
        release.current().ifPresent(a -> view.put("release", a));
        release.restoredAtStartup().ifPresent(a -> view.put("restoredAtStartup", true));
        PolicyVersions.onDisk(engine, served.ruleSet()).ifPresent(disk -> view.put("onDisk", disk));
        view.put("parameters", served.ruleSet().parameters());
        view.put("warnings", served.ruleSet().warnings());
        view.put("rules", served.ruleSet().rules());
        engine.shadow()
                .ifPresent(s -> view.put(
                        "shadow",
                        Map.of("version", s.version(), "rules", s.rules().size())));
        view.put("history", store.recentAttempts(Math.max(1, Math.min(history, 500))));
        return view;
    }

    /**
     * Reads the rules folder again and releases it: 422 {@code rule-set-rejected} with every error when the
     * files do not compile, 422 {@code rule-set-failed-tests} when a scenario fails or a rule is uncovered
     * (unless {@code force=true} with a {@code reason}, recorded).
     */
    @POST
    @Path("/reload")
    public LoadAttempt reload(
            @QueryParam("message") String message,
            @QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("reason") String reason) {
        LoadAttempt attempt = release.reload(actors.current(), PolicyVersions.options(message, force, reason));
        if (attempt.outcome() == LoadAttempt.Outcome.REJECTED) {
            throw rejected(attempt.errors(), "still serving " + engine.active().version());
        }
        return attempt;
    }

    /** Compiles a candidate and reports its errors or its version; what serves is untouched. */
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> validate(CandidateBody body) {
        RuleSet candidate = compile(body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", true);
        answer.put("version", candidate.version());
        answer.put("rules", candidate.rules());
        answer.put("parameters", candidate.parameters());
        answer.put("warnings", candidate.warnings());
        return answer;
    }

    /** Runs the scenario files in the policies folder against the serving rule set, or a candidate. */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> test(CandidateBody body) {
        RuleSet rules = body == null || body.files() == null ? engine.active() : compile(body);
        ScenarioRunner.Report report;
        try {
            report = new ScenarioRunner()
                    .run(rules, new ScenarioLoader().load(engine.policiesDir().resolve("tests")));
        } catch (ScenarioException e) {
            throw new ProblemException(422, "invalid-scenario", "A scenario file cannot be run", e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", rules.version());
        answer.put("passed", report.results().size() - report.failed());
        answer.put("failed", report.failed());
        answer.put(
                "failures",
                report.results().stream()
                        .filter(r -> !r.passed())
                        .map(r -> Map.of(
                                "file",
                                r.file(),
                                "case",
                                r.caseName(),
                                "differences",
                                r.differences(),
                                "report",
                                r.report()))
                        .toList());
        answer.put("uncoveredRules", report.uncoveredRules());
        return answer;
    }

    /** Decides every party for every action under the serving rules and the candidate; lists what changes. */
    @POST
    @Path("/impact")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImpactAnalysis.Report impact(CandidateBody body, @QueryParam("limit") @DefaultValue("1000") int limit) {
        return new ImpactAnalysis().run(engine.active(), compile(body), graph, Math.max(0, limit));
    }

    /** Installs a candidate as the shadow of the serving rule set. */
    @PUT
    @Path("/shadow")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response installShadow(CandidateBody body) {
        RuleSet candidate = compile(body);
        shadow.reset(candidate.version());
        engine.installShadow(candidate);
        return Response.status(201)
                .entity(Map.of(
                        "version",
                        candidate.version(),
                        "shadowing",
                        engine.active().version()))
                .build();
    }

    @GET
    @Path("/shadow/diffs")
    public ShadowEvaluator.Summary shadowDiffs(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (engine.shadow().isEmpty()) {
            throw new ProblemException(404, "no-shadow", "No shadow", "no shadow rule set is installed");
        }
        return shadow.summary(Math.max(0, Math.min(limit, 10_000)));
    }

    /** Makes the shadow serve, atomically. */
    @POST
    @Path("/shadow/promote")
    public LoadAttempt promote(
            @QueryParam("message") String message,
            @QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("reason") String reason) {
        ReleaseOptions options = PolicyVersions.options(message, force, reason);
        LoadAttempt attempt = release.promote(actors.current(), options)
                .orElseThrow(
                        () -> new ProblemException(404, "no-shadow", "No shadow", "no shadow rule set is installed"));
        shadow.reset(null);
        return attempt;
    }

    @DELETE
    @Path("/shadow")
    public Response dropShadow() {
        engine.dropShadow()
                .orElseThrow(
                        () -> new ProblemException(404, "no-shadow", "No shadow", "no shadow rule set is installed"));
        shadow.reset(null);
        return Response.noContent().build();
    }

    private RuleSet compile(CandidateBody body) {
        if (body == null || body.files() == null || body.files().isEmpty()) {
            throw ProblemException.badRequest(
                    "missing-files", "the body needs `files`: a map of rule file name to content");
        }
        return engine.compileCandidate(body.files(), body.policy());
    }

    private static RuleSetRejectedException rejected(List<CompileError> errors, String context) {
        return new RuleSetRejectedException(errors, context);
    }
}
