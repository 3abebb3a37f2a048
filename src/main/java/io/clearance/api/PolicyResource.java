package io.clearance.api;

import io.clearance.audit.changes.ChangeLog;
import io.clearance.authoring.ImpactAnalysis;
import io.clearance.authoring.ScenarioException;
import io.clearance.authoring.ScenarioLoader;
import io.clearance.authoring.ScenarioRunner;
import io.clearance.decision.Decider;
import io.clearance.decision.ShadowEvaluator;
import io.clearance.engine.CompileError;
import io.clearance.engine.LoadAttempt;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.PolicyStore;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetRejectedException;
import io.clearance.engine.RuleSource;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.problem.ErrorCode;
import io.clearance.release.PolicyRelease;
import io.clearance.release.ReleaseOptions;
import io.clearance.security.CurrentActor;
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
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

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
    private final CurrentActor actor;
    private final Decider decider;
    private final ChangeLog changes;
    private final AuthoringWork work;

    PolicyResource(
            PolicyEngine engine,
            PolicyStore store,
            OwnershipGraph graph,
            ShadowEvaluator shadow,
            PolicyRelease release,
            CurrentActor actor,
            Decider decider,
            ChangeLog changes,
            AuthoringWork work) {
        this.decider = decider;
        this.changes = changes;
        this.engine = engine;
        this.store = store;
        this.graph = graph;
        this.shadow = shadow;
        this.work = work;
        this.release = release;
        this.actor = actor;
    }

    /** The serving version, its rules and parameters, the shadow if any, and the newest load attempts. */
    @GET
    public PolicyView describe(@QueryParam("history") @DefaultValue("20") int history) {
        PolicyEngine.Served served = engine.served();
        boolean degraded = engine.lastAttempt()
                .filter(a -> a.outcome() == LoadAttempt.Outcome.REJECTED)
                .isPresent();
        return new PolicyView(
                served.ruleSet().version(),
                served.since(),
                served.trigger(),
                // As configured, never resolved: an absolute path would tell callers about the host's file system.
                engine.rulesDir().toString(),
                served.ruleSet().policy().name(),
                degraded ? "degraded" : "serving",
                engine.lastAttempt().orElse(null),
                release.current().orElse(null),
                release.restoredAtStartup().isPresent() ? Boolean.TRUE : null,
                PolicyVersions.onDisk(engine, served.ruleSet()).orElse(null),
                served.ruleSet().parameters(),
                served.ruleSet().warnings(),
                served.ruleSet().rules(),
                engine.shadow()
                        .map(s ->
                                new PolicyView.ShadowRef(s.version(), s.rules().size()))
                        .orElse(null),
                store.recentAttempts(Math.max(1, Math.min(history, 500))));
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
        String before = engine.active().version();
        LoadAttempt attempt = release.reload(actor.get(), PolicyVersions.options(message, force, reason));
        if (attempt.outcome() == LoadAttempt.Outcome.REJECTED) {
            throw rejected(attempt.errors(), "still serving " + engine.active().version());
        }
        changes.record("policy.reload", "policy", Map.of("version", before), attempt);
        return attempt;
    }

    /** Compiles a candidate and reports its errors or its version; what serves is untouched. */
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public CandidateValidation validate(CandidateBody body) {
        RuleSet candidate = work.run("validate", budget -> compile(body));
        return new CandidateValidation(
                true, candidate.version(), candidate.rules(), candidate.parameters(), candidate.warnings());
    }

    /** Runs the scenario files in the policies folder against the serving rule set, or a candidate. */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScenarioTestAnswer test(CandidateBody body) {
        Tested tested = work.run("test", budget -> {
            RuleSet candidate = body == null || body.files() == null ? engine.active() : compile(body);
            try {
                return new Tested(
                        candidate,
                        new ScenarioRunner(decider)
                                .run(
                                        candidate,
                                        new ScenarioLoader()
                                                .load(engine.policiesDir().resolve("tests"))));
            } catch (ScenarioException e) {
                throw new ProblemException(ErrorCode.INVALID_SCENARIO, e.getMessage());
            }
        });
        RuleSet rules = tested.rules();
        ScenarioRunner.Report report = tested.report();
        return new ScenarioTestAnswer(
                rules.version(),
                report.results().size() - report.failed(),
                report.failed(),
                report.results().stream()
                        .filter(r -> !r.passed())
                        .map(r -> new ScenarioTestAnswer.Failure(r.file(), r.caseName(), r.differences(), r.report()))
                        .toList(),
                report.uncoveredRules());
    }

    /** Decides every party for every action under the serving rules and the candidate; lists what changes. */
    @POST
    @Path("/impact")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImpactAnalysis.Report impact(CandidateBody body, @QueryParam("limit") @DefaultValue("1000") int limit) {
        return work.run(
                "impact",
                budget -> new ImpactAnalysis(decider)
                        .run(engine.active(), compile(body), graph, Math.max(0, limit), budget::check));
    }

    /**
     * What the change log keeps of a shadow installed: its version, and for the new one its files (sorted)
     * and the version it shadows.
     */
    public record ShadowChange(String version, SortedSet<String> files, String shadowing) {}

    /** Installs a candidate as the shadow of the serving rule set. */
    @PUT
    @Path("/shadow")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response installShadow(CandidateBody body) {
        RuleSet candidate = work.run("shadow", budget -> compile(body));
        ShadowChange before = engine.shadow()
                .map(s -> new ShadowChange(s.version(), null, null))
                .orElse(null);
        shadow.reset(candidate.version());
        engine.installShadow(candidate);
        changes.record(
                "policy.shadow.install",
                "policy:shadow",
                before,
                new ShadowChange(
                        candidate.version(),
                        new TreeSet<>(body.files().keySet()),
                        engine.active().version()));
        return Response.status(201)
                .entity(new ShadowInstalled(candidate.version(), engine.active().version()))
                .build();
    }

    /** The shadow's status: what is installed, since when, and its comparisons so far; 404 when there is none. */
    @GET
    @Path("/shadow")
    public ShadowStatus shadowStatus() {
        PolicyEngine.Shadowing installed = engine.shadowing()
                .orElseThrow(() -> new ProblemException(ErrorCode.NO_SHADOW, "no shadow rule set is installed"));
        ShadowEvaluator.Summary counts = shadow.summary(0);
        // Counts reset when a shadow is installed; counts kept for another version are not this shadow's.
        boolean ours = installed.ruleSet().version().equals(counts.shadowVersion());
        return new ShadowStatus(
                installed.ruleSet().version(),
                engine.active().version(),
                installed.since(),
                installed.ruleSet().rules().size(),
                ours ? counts.compared() : 0,
                ours ? counts.disagreed() : 0,
                ours ? counts.skipped() : 0,
                ours ? counts.failed() : 0);
    }

    @GET
    @Path("/shadow/diffs")
    public ShadowEvaluator.Summary shadowDiffs(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (engine.shadow().isEmpty()) {
            throw new ProblemException(ErrorCode.NO_SHADOW, "no shadow rule set is installed");
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
        String before = engine.active().version();
        ReleaseOptions options = PolicyVersions.options(message, force, reason);
        LoadAttempt attempt = release.promote(actor.get(), options)
                .orElseThrow(() -> new ProblemException(ErrorCode.NO_SHADOW, "no shadow rule set is installed"));
        shadow.reset(null);
        changes.record("policy.promote", "policy", Map.of("version", before), attempt);
        return attempt;
    }

    @DELETE
    @Path("/shadow")
    public Response dropShadow() {
        String version = engine.shadow().map(RuleSet::version).orElse(null);
        engine.dropShadow()
                .orElseThrow(() -> new ProblemException(ErrorCode.NO_SHADOW, "no shadow rule set is installed"));
        shadow.reset(null);
        changes.record("policy.shadow.drop", "policy:shadow", Map.of("version", version), null);
        return Response.noContent().build();
    }

    private record Tested(RuleSet rules, ScenarioRunner.Report report) {}

    private RuleSet compile(CandidateBody body) {
        if (body == null || body.files() == null) {
            throw new ProblemException(
                    ErrorCode.MISSING_FILES, "the body needs `files`: a map of rule file name to content");
        }
        if (body.files().isEmpty()) {
            // The README's candidate folder read empty (or was never created): say so, not that `files` is absent.
            throw new ProblemException(
                    ErrorCode.MISSING_FILES, "`files` is empty: a candidate needs at least one rule file (`*.drl`)");
        }
        for (String name : body.files().keySet()) {
            RuleSource.checkName(name).ifPresent(problem -> {
                throw new ProblemException(ErrorCode.INVALID_RULE_FILE_NAME, problem);
            });
        }
        return engine.compileCandidate(body.files(), body.policy());
    }

    private static RuleSetRejectedException rejected(List<CompileError> errors, String context) {
        return new RuleSetRejectedException(errors, context);
    }
}
