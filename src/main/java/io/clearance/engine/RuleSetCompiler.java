package io.clearance.engine;

import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.engine.facts.OwnershipMeasure;
import io.clearance.engine.facts.RestrictedAction;
import io.clearance.engine.verify.RuleVerifier;
import io.clearance.policy.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/**
 * Compiles rule files, as authors wrote them, into a {@link RuleSet} at run time, or rejects them with
 * every error at once. A rule set is served only if it compiles, every rule cites a clause that exists in
 * the written policy and says what it does, and its parameter rules declare valid parameters.
 */
public final class RuleSetCompiler {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final AtomicLong BUILDS = new AtomicLong();
    // Sessions a rule set's pool starts with (it grows when more evaluations run at once): one per core.
    private static final int SESSIONS_KEPT = Runtime.getRuntime().availableProcessors();
    private static final RuleVerifier VERIFIER = new RuleVerifier();

    private final ClassLoader classLoader;
    private final EvaluationLimits limits;
    private final EvaluationObserver observer;
    private final CompiledRuleCache cache;

    /** A compiler whose rule sets run within the default limits and report to nobody (command line, tests). */
    public RuleSetCompiler() {
        this(EvaluationLimits.DEFAULT, EvaluationObserver.NONE);
    }

    /** A compiler whose rule sets run within {@code limits} and tell {@code observer} how each run ended. */
    public RuleSetCompiler(EvaluationLimits limits, EvaluationObserver observer) {
        this(limits, observer, CompiledRuleCache.NONE);
    }

    /** As {@link #RuleSetCompiler(EvaluationLimits, EvaluationObserver)}, reloading rule sets compiled before. */
    public RuleSetCompiler(EvaluationLimits limits, EvaluationObserver observer, CompiledRuleCache cache) {
        this.cache = cache;
        // The application's class loader: under Quarkus it is the one that sees the fact classes.
        this.classLoader = RuleSetCompiler.class.getClassLoader();
        this.limits = limits;
        this.observer = observer;
    }

    /**
     * @throws RuleSetRejectedException with all errors, sorted by file, line and column
     */
    public RuleSet compile(List<RuleSource> sources, PolicyDocument policy) {
        if (sources.isEmpty()) {
            throw new RuleSetRejectedException(
                    List.of(new CompileError("(rules)", 0, 0, "the rule set has no `.drl` file")));
        }
        List<RuleHeaders.Header> headers = RuleHeaders.read(sources);
        List<CompileError> errors = checkMetadata(headers, policy);
        // A hit is these very files, verified and compiled without error by this build (the cache's key);
        // a rule set with metadata errors is never looked up, so that it is refused exactly as before.
        KieBase base = errors.isEmpty()
                ? cache.load(sources, policy, ruleNames(headers), classLoader).orElse(null)
                : null;
        boolean compiled = base == null;
        if (compiled) {
            // Rules are data that cannot act: nothing reaches Drools' compiler (which runs condition-less rules
            // to read parameters) until every file is within the verifier's allowlist.
            List<CompileError> refused = VERIFIER.verify(sources);
            if (!refused.isEmpty()) {
                errors.addAll(refused);
                errors.sort(CompileError.BY_POSITION);
                throw new RuleSetRejectedException(errors);
            }
            KieContainer container = build(sources, errors);
            base = container == null ? null : container.getKieBase();
        }
        PolicyParameters parameters = null;
        if (errors.isEmpty()) {
            parameters = readParameters(base, headers, errors, limits);
        }
        if (!errors.isEmpty()) {
            errors.sort(CompileError.BY_POSITION);
            throw new RuleSetRejectedException(errors);
        }
        if (compiled) {
            cache.store(sources, policy, base);
        }
        List<RuleInfo> rules = headers.stream()
                .map(h -> new RuleInfo(h.name(), h.clause(), h.description(), h.file(), h.line()))
                .toList();
        return new RuleSet(
                base,
                base.newKieSessionsPool(SESSIONS_KEPT),
                version(sources, policy),
                rules,
                parameters,
                sources,
                policy,
                limits,
                observer,
                RuleNameCheck.check(headers, sources, parameters));
    }

    /** The content hash a rule set would have: over each file's name and content, then the written policy. */
    public static String version(List<RuleSource> sources, PolicyDocument policy) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleSource source : sources) {
                digest.update(source.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(source.content().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(policy.content().getBytes(StandardCharsets.UTF_8));
            // 64 bits name a rule set unambiguously among the handful a deployment ever sees.
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Set<String> ruleNames(List<RuleHeaders.Header> headers) {
        return headers.stream().map(RuleHeaders.Header::name).collect(Collectors.toSet());
    }

    /** Compiles; adds Drools' errors to {@code errors} and returns {@code null} when there are any. */
    private KieContainer build(List<RuleSource> sources, List<CompileError> errors) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        ReleaseId releaseId = services.newReleaseId("io.clearance", "rules", "1." + BUILDS.incrementAndGet());
        files.generateAndWritePomXML(releaseId);
        Map<String, RuleSource> sourceByPath = new HashMap<>();
        for (RuleSource source : sources) {
            String path = packageFolder(source.content()) + fileName(source.name());
            sourceByPath.put(path, source);
            files.write("src/main/resources/" + path, source.content());
        }
        KieBuilder builder = services.newKieBuilder(files, classLoader).buildAll();
        int before = errors.size();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String text = DroolsMessages.clean(message.getText());
            if (DroolsMessages.isNoise(text)) {
                continue;
            }
            String path = message.getPath() == null ? "" : message.getPath().replaceFirst("^src/main/resources/", "");
            RuleSource source = sourceByPath.get(path);
            if (source == null) {
                errors.add(new CompileError("(rules)", 0, 0, text));
                continue;
            }
            int[] at =
                    DroolsMessages.locate(source.content(), text, message.getLine(), Math.max(message.getColumn(), 0));
            errors.add(new CompileError(source.name(), at[0], at[1], text));
        }
        if (errors.size() > before) {
            services.getRepository().removeKieModule(releaseId);
            return null;
        }
        try {
            return services.newKieContainer(releaseId, classLoader);
        } finally {
            // The global repository would otherwise keep every build ever made.
            services.getRepository().removeKieModule(releaseId);
        }
    }

    /** Every rule must cite a clause the written policy has and say what it does; duplicate names are refused. */
    private static List<CompileError> checkMetadata(List<RuleHeaders.Header> headers, PolicyDocument policy) {
        List<CompileError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RuleHeaders.Header rule : headers) {
            if (!names.add(rule.name())) {
                errors.add(rule.error("rule `" + rule.name() + "` is defined twice; rule names must be unique"));
            }
            if (rule.clause() == null) {
                errors.add(rule.error("rule `" + rule.name()
                        + "` has no @clause naming the clause of the written policy it implements"));
            } else if (policy.clause(rule.clause()).isEmpty()) {
                errors.add(rule.error("rule `" + rule.name() + "` cites clause `" + rule.clause() + "`, which `"
                        + policy.name() + "` does not have"));
            }
            if (rule.description() == null) {
                errors.add(rule.error("rule `" + rule.name() + "` has no @description saying what it does"));
            }
        }
        return errors;
    }

    /**
     * Parameter rules have no conditions, so they are exactly the rules that fire in an empty session;
     * what they insert is the policy's parameters.
     */
    private static PolicyParameters readParameters(
            KieBase base, List<RuleHeaders.Header> headers, List<CompileError> errors, EvaluationLimits limits) {
        List<String> names = headers.stream().map(RuleHeaders.Header::name).toList();
        // This is the rule base's very first run, which loads its generated classes on this thread: it is made
        // first within the warm-up's budget and its answer dropped, so that the run measured against the decision
        // budget is a warm one. A parameter rule that really computes too long (it fires in every decision) is
        // still refused; a cold start, on a loaded machine, is not (it once failed a release in CI).
        declare(base, headers, names, limits.forWarmUp());
        Declaration declaration = declare(base, headers, names, limits);
        Indeterminate failed = declaration.failed();
        if (failed != null) {
            String rule = failed.rule();
            String message = "rule `" + failed.ruleOrUnknown() + "` failed while declaring policy parameters: "
                    + failed.detail().replaceFirst("^\\w+(Exception|Error): ", "");
            errors.add(headers.stream()
                    .filter(h -> h.name().equals(rule))
                    .findFirst()
                    .map(h -> h.error(message))
                    .orElse(new CompileError("(rules)", 0, 0, message)));
            return null;
        }
        List<BannedJurisdiction> jurisdictions = new ArrayList<>();
        Set<String> actions = new LinkedHashSet<>();
        List<OwnershipMeasure> tests = new ArrayList<>();
        for (Object fact : declaration.facts()) {
            if (fact instanceof BannedJurisdiction jurisdiction) {
                jurisdictions.add(jurisdiction);
            } else if (fact instanceof RestrictedAction action) {
                actions.add(action.getAction());
            } else if (fact instanceof OwnershipMeasure test) {
                tests.add(test);
            }
        }
        Set<String> testIds = new HashSet<>();
        for (OwnershipMeasure test : tests) {
            if (!testIds.add(test.getId())) {
                errors.add(
                        new CompileError("(rules)", 0, 0, "two ownership tests are both named `" + test.getId() + "`"));
            }
        }
        return new PolicyParameters(jurisdictions, actions, tests);
    }

    /** What the parameter rules inserted in one run, or why the run stopped. */
    private record Declaration(List<Object> facts, Indeterminate failed) {}

    private static Declaration declare(
            KieBase base, List<RuleHeaders.Header> headers, List<String> names, EvaluationLimits limits) {
        KieSession session = base.newKieSession();
        DeclaredFacts declared = new DeclaredFacts(headers);
        session.addEventListener(declared);
        try {
            Indeterminate failed = GuardedRun.fire(session, limits, GuardedRun.start(), names);
            return new Declaration(failed == null ? List.copyOf(declared.facts()) : List.of(), failed);
        } finally {
            session.dispose();
        }
    }

    private static String packageFolder(String content) {
        Matcher matcher = PACKAGE.matcher(content);
        return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
    }

    private static String fileName(String name) {
        return name.replace('/', '_');
    }
}
