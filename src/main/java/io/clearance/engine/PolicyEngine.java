package io.clearance.engine;

import io.clearance.ClearanceConfig;
import io.clearance.policy.PolicyDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the rule set that serves, and the one that shadows it. Rule sets are compiled off the request
 * path and swapped in atomically: a decision reads {@link #active()} once and sees one whole version,
 * never a half-built one. A rule set that does not compile is never served: at start it stops the start
 * with every error; on reload the previous version keeps serving and the failure is recorded. Every rule set is
 * warmed ({@link RuleSetWarmer}) before it is checked, shadows or serves, whichever path puts it there (start,
 * reload, promotion, activation of a stored version, a follower's), so that serving never runs it cold.
 */
@ApplicationScoped
public class PolicyEngine {

    private static final Logger LOG = Logger.getLogger(PolicyEngine.class);

    private final ClearanceConfig config;
    private final PolicyStore store;
    // Rule sets that may serve are kept compiled by content hash; an author's candidates are not (they are many).
    private final RuleSetCompiler compiler;
    private final RuleSetCompiler candidates;
    private final AtomicReference<Served> active = new AtomicReference<>();
    private final AtomicReference<Shadowing> shadow = new AtomicReference<>();
    private final AtomicReference<LoadAttempt> lastAttempt = new AtomicReference<>();
    // Rule sets of past versions, compiled on demand for replay; a handful at most in practice.
    private final Map<String, RuleSet> pastVersions = new ConcurrentHashMap<>();
    private final Object swaps = new Object();
    private final RuleSetWarmer warmer;
    // Every load attempt, for observers such as the metrics; absent when built outside CDI (tests).
    @Inject
    Event<LoadAttempt> attempts;

    /** An engine that serves rule sets cold: for tests that build it by hand. */
    PolicyEngine(ClearanceConfig config, PolicyStore store, RulesConfig rules, RuleFaults faults) {
        this(config, store, rules, faults, RuleSetWarmer.NONE);
    }

    @Inject
    PolicyEngine(
            ClearanceConfig config, PolicyStore store, RulesConfig rules, RuleFaults faults, RuleSetWarmer warmer) {
        this.config = config;
        this.warmer = warmer;
        this.store = store;
        EvaluationLimits limits = new EvaluationLimits(rules.decisionBudget(), rules.maxFirings());
        this.compiler = new RuleSetCompiler(
                limits, faults, rules.cacheDir().map(CompiledRuleCache::in).orElse(CompiledRuleCache.NONE));
        this.candidates = new RuleSetCompiler(limits, faults);
    }

    /** Puts the rule set of {@code rules/} in service; one that does not compile stops the start. */
    public void start() {
        loadAtStartup(NO_CHECK);
    }

    /**
     * Serves the rule files on disk, or stops the start with every error when they do not compile; the
     * release service calls it when no persisted version can serve.
     *
     * @param beforeServing runs on the compiled rule set before it serves (records its activation)
     */
    public LoadAttempt loadAtStartup(BeforeServing beforeServing) {
        LoadAttempt attempt = reload(LoadAttempt.Trigger.STARTUP, beforeServing);
        if (attempt.outcome() == LoadAttempt.Outcome.REJECTED) {
            throw new RuleSetRejectedException(attempt.errors());
        }
        return attempt;
    }

    /**
     * Serves a stored version at start, as the database says it served last, whatever the files on disk
     * hold now. Nothing new is stored: the version and its activation already are.
     */
    public void restoreAtStartup(RuleSet ruleSet) {
        synchronized (swaps) {
            warm(ruleSet);
            active.set(new Served(ruleSet, Instant.now(), LoadAttempt.Trigger.STARTUP));
            LOG.infof(
                    "serving policy version %s as persisted: %d rules",
                    ruleSet.version(), ruleSet.rules().size());
        }
    }

    /** What runs on a compiled candidate just before it serves; throwing refuses it (the release gate). */
    @FunctionalInterface
    public interface BeforeServing {
        void check(RuleSet candidate, LoadAttempt.Trigger trigger);
    }

    /** Lets every compiled rule set serve. */
    public static final BeforeServing NO_CHECK = (candidate, trigger) -> {};

    /** The rule set that decides now. */
    public RuleSet active() {
        Served served = active.get();
        if (served == null) {
            throw new IllegalStateException("no rule set is loaded yet");
        }
        return served.ruleSet();
    }

    /** When and how the serving rule set was put in service. */
    public Served served() {
        return active.get();
    }

    public Optional<RuleSet> shadow() {
        return shadowing().map(Shadowing::ruleSet);
    }

    /** The shadow with the instant it was installed: its comparisons count from then. */
    public Optional<Shadowing> shadowing() {
        return Optional.ofNullable(shadow.get());
    }

    /** A rule set evaluated in the shadow of the serving one, and since when. */
    public record Shadowing(RuleSet ruleSet, Instant since) {}

    /** The outcome of the newest load attempt: a rejected one means the served version is older than the files. */
    public Optional<LoadAttempt> lastAttempt() {
        return Optional.ofNullable(lastAttempt.get());
    }

    /**
     * Reads the rules folder and the written policy, compiles them and, if they compile, serves them.
     * Never throws for a bad rule set: the attempt says what happened.
     */
    public LoadAttempt reload(LoadAttempt.Trigger trigger) {
        return reload(trigger, NO_CHECK);
    }

    /**
     * As {@link #reload(LoadAttempt.Trigger)}, with a check before the compiled rule set serves. A check
     * that throws refuses the rule set: the attempt is recorded as rejected and the exception propagates.
     */
    public LoadAttempt reload(LoadAttempt.Trigger trigger, BeforeServing beforeServing) {
        synchronized (swaps) {
            List<RuleSource> sources;
            PolicyDocument policy;
            try {
                sources = RuleSource.readDirectory(config.rulesDir());
                policy = PolicyDocument.read(policyDocumentPath());
            } catch (RuleSetRejectedException e) {
                // An entry of the rules folder is not a readable rule file: the whole set is refused.
                return record(new LoadAttempt(
                        Instant.now(), trigger, LoadAttempt.Outcome.REJECTED, "(unreadable)", 0, e.errors()));
            } catch (RuntimeException e) {
                return record(new LoadAttempt(
                        Instant.now(),
                        trigger,
                        LoadAttempt.Outcome.REJECTED,
                        "(unreadable)",
                        0,
                        List.of(new CompileError("(rules)", 0, 0, e.getMessage()))));
            }
            String version = RuleSetCompiler.version(sources, policy);
            Served current = active.get();
            if (current != null && current.ruleSet().version().equals(version)) {
                return record(new LoadAttempt(
                        Instant.now(),
                        trigger,
                        LoadAttempt.Outcome.UNCHANGED,
                        version,
                        current.ruleSet().rules().size(),
                        List.of()));
            }
            try {
                RuleSet ruleSet = compiler.compile(sources, policy);
                // Warmed before the gate too, so that its scenarios run warm.
                warm(ruleSet);
                checkOrRecord(beforeServing, ruleSet, trigger);
                activate(ruleSet, policy, trigger);
                return record(new LoadAttempt(
                        Instant.now(),
                        trigger,
                        LoadAttempt.Outcome.ACTIVATED,
                        version,
                        ruleSet.rules().size(),
                        List.of()));
            } catch (RuleSetRejectedException e) {
                return record(
                        new LoadAttempt(Instant.now(), trigger, LoadAttempt.Outcome.REJECTED, version, 0, e.errors()));
            }
        }
    }

    /**
     * Compiles a candidate without touching what serves.
     *
     * @param policyContent the written policy to check clauses against; {@code null} for the one on disk
     * @throws RuleSetRejectedException with every error
     */
    public RuleSet compileCandidate(Map<String, String> files, String policyContent) {
        List<RuleSource> sources = new ArrayList<>();
        files.forEach((name, content) -> sources.add(new RuleSource(name, content)));
        sources.sort(Comparator.comparing(RuleSource::name));
        PolicyDocument policy =
                policyContent == null ? policyDocument() : PolicyDocument.parse(config.policyDocument(), policyContent);
        return candidates.compile(sources, policy);
    }

    /** Puts a compiled candidate in the shadow of the serving rule set, replacing any previous shadow. */
    public void installShadow(RuleSet candidate) {
        // A shadow's answers are compared with the serving ones': a cold first run would show a spurious change.
        warm(candidate);
        shadow.set(new Shadowing(candidate, Instant.now()));
        LOG.infof("shadow rule set %s installed beside %s", candidate.version(), active().version());
    }

    public Optional<RuleSet> dropShadow() {
        return Optional.ofNullable(shadow.getAndSet(null)).map(Shadowing::ruleSet);
    }

    /** Makes the shadow the serving rule set, atomically; the shadow slot is empty afterwards. */
    public Optional<LoadAttempt> promoteShadow() {
        return promoteShadow(NO_CHECK);
    }

    /** As {@link #promoteShadow()}; a check that throws keeps the shadow installed and the serving set serving. */
    public Optional<LoadAttempt> promoteShadow(BeforeServing beforeServing) {
        synchronized (swaps) {
            Shadowing shadowing = shadow.get();
            if (shadowing == null) {
                return Optional.empty();
            }
            RuleSet candidate = shadowing.ruleSet();
            warm(candidate);
            checkOrRecord(beforeServing, candidate, LoadAttempt.Trigger.PROMOTE);
            shadow.set(null);
            activate(candidate, candidate.policy(), LoadAttempt.Trigger.PROMOTE);
            return Optional.of(record(new LoadAttempt(
                    Instant.now(),
                    LoadAttempt.Trigger.PROMOTE,
                    LoadAttempt.Outcome.ACTIVATED,
                    candidate.version(),
                    candidate.rules().size(),
                    List.of())));
        }
    }

    /**
     * Serves a version that served before, compiled again from what was stored.
     *
     * @return empty when the version was never stored
     */
    public Optional<LoadAttempt> serveStored(String version, LoadAttempt.Trigger trigger, BeforeServing beforeServing) {
        synchronized (swaps) {
            Optional<RuleSet> stored = ruleSet(version);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            RuleSet ruleSet = stored.get();
            if (ruleSet.version().equals(active().version())) {
                return Optional.of(record(new LoadAttempt(
                        Instant.now(),
                        trigger,
                        LoadAttempt.Outcome.UNCHANGED,
                        version,
                        ruleSet.rules().size(),
                        List.of())));
            }
            warm(ruleSet);
            checkOrRecord(beforeServing, ruleSet, trigger);
            activate(ruleSet, ruleSet.policy(), trigger);
            return Optional.of(record(new LoadAttempt(
                    Instant.now(),
                    trigger,
                    LoadAttempt.Outcome.ACTIVATED,
                    version,
                    ruleSet.rules().size(),
                    List.of())));
        }
    }

    /** The version the files in the rules folder and the written policy on disk make now, without compiling. */
    public Optional<String> diskVersion() {
        try {
            return Optional.of(RuleSetCompiler.version(
                    RuleSource.readDirectory(config.rulesDir()), PolicyDocument.read(policyDocumentPath())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The rule files on disk now, read whole. */
    public List<RuleSource> diskSources() {
        return RuleSource.readDirectory(config.rulesDir());
    }

    /** The rule set of a version that served at some time, compiled again from what was stored. */
    public Optional<RuleSet> ruleSet(String version) {
        Served served = active.get();
        RuleSet current = served == null ? null : served.ruleSet();
        if (current != null && current.version().equals(version)) {
            return Optional.of(current);
        }
        RuleSet cached = pastVersions.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.servedVersion(version)
                .map(stored -> pastVersions.computeIfAbsent(
                        version, v -> compiler.compile(stored.sources(), stored.policy())));
    }

    /** The written policy as it is on disk now. */
    public PolicyDocument policyDocument() {
        return PolicyDocument.read(policyDocumentPath());
    }

    public Path rulesDir() {
        return config.rulesDir();
    }

    public Path policiesDir() {
        return config.policiesDir();
    }

    /**
     * Runs a rule set on representative inputs before it serves or shadows, off the serving path, so that its
     * first real decision does not load its classes against the decision budget; a no-op for one warmed before.
     * Never refuses the rule set: it compiled, so it may serve, and a decision that still runs cold fails closed.
     */
    private void warm(RuleSet ruleSet) {
        try {
            warmer.warm(ruleSet);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warnf(e, "rule set %s could not be warmed up; it serves all the same", ruleSet.version());
        }
    }

    private void activate(RuleSet ruleSet, PolicyDocument policy, LoadAttempt.Trigger trigger) {
        // Stored before it serves: a decision made under a version can always be replayed under it.
        store.saveServedVersion(ruleSet, policy);
        active.set(new Served(ruleSet, Instant.now(), trigger));
        LOG.infof(
                "serving policy version %s: %d rules (%s)",
                ruleSet.version(), ruleSet.rules().size(), trigger);
    }

    private void checkOrRecord(BeforeServing beforeServing, RuleSet candidate, LoadAttempt.Trigger trigger) {
        try {
            beforeServing.check(candidate, trigger);
        } catch (RuntimeException refused) {
            record(new LoadAttempt(
                    Instant.now(),
                    trigger,
                    LoadAttempt.Outcome.REJECTED,
                    candidate.version(),
                    candidate.rules().size(),
                    List.of(new CompileError("(release)", 0, 0, String.valueOf(refused.getMessage())))));
            throw refused;
        }
    }

    private LoadAttempt record(LoadAttempt attempt) {
        lastAttempt.set(attempt);
        if (attempts != null) {
            attempts.fire(attempt); // observed by the metrics (reloads and failures)
        }
        try {
            store.saveAttempt(attempt);
        } catch (RuntimeException e) {
            // The history is for people; failing to write it must not fail a reload.
            LOG.warn("could not store the load attempt", e);
        }
        if (attempt.outcome() == LoadAttempt.Outcome.REJECTED) {
            LOG.warnf(
                    "rule set %s refused (%s); still serving %s:\n%s",
                    attempt.version(),
                    attempt.trigger(),
                    active.get() == null ? "nothing" : active.get().ruleSet().version(),
                    String.join(
                            "\n",
                            attempt.errors().stream()
                                    .map(CompileError::toString)
                                    .toList()));
        }
        return attempt;
    }

    private Path policyDocumentPath() {
        return config.policiesDir().resolve(config.policyDocument());
    }

    /** The serving rule set, when it started serving and what put it there. */
    public record Served(RuleSet ruleSet, Instant since, LoadAttempt.Trigger trigger) {}
}
