package io.clearance.engine;

import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.engine.facts.OwnershipTest;
import io.clearance.engine.facts.RestrictedAction;
import io.clearance.policy.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Compiles rule files, as authors wrote them, into a {@link RuleSet} at run time, or rejects them with
 * every error at once. A rule set is served only if it compiles, every rule cites a clause that exists in
 * the written policy and says what it does, and its parameter rules declare valid parameters.
 */
public final class RuleSetCompiler {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*rule\\s+(\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+))");
    private static final Pattern DROOLS_ERROR_PREFIX = Pattern.compile("^\\[ERR \\d+\\]\\s*Line \\d+:\\d+\\s*");
    private static final String PARSER_NOISE = "Parser returned a null Package";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final ClassLoader classLoader;

    public RuleSetCompiler() {
        // The application's class loader: under Quarkus it is the one that sees the fact classes.
        this.classLoader = RuleSetCompiler.class.getClassLoader();
    }

    /**
     * @throws RuleSetRejectedException with all errors, sorted by file, line and column
     */
    public RuleSet compile(List<RuleSource> sources, PolicyDocument policy) {
        if (sources.isEmpty()) {
            throw new RuleSetRejectedException(List.of(new CompileError("(rules)", 0, 0, "the rule set has no `.drl` file")));
        }
        Map<String, RuleLocation> locations = locateRules(sources);
        KieBase base = build(sources);
        List<CompileError> errors = new ArrayList<>();
        List<RuleInfo> rules = describeRules(base, locations, policy, errors);
        PolicyParameters parameters = errors.isEmpty() ? readParameters(base, locations, errors) : null;
        if (!errors.isEmpty()) {
            errors.sort(CompileError.BY_POSITION);
            throw new RuleSetRejectedException(errors);
        }
        return new RuleSet(base, version(sources, policy), rules, parameters, sources);
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

    private KieBase build(List<RuleSource> sources) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        ReleaseId releaseId = services.newReleaseId("io.clearance", "rules", "1." + BUILDS.incrementAndGet());
        files.generateAndWritePomXML(releaseId);
        Map<String, String> nameByPath = new HashMap<>();
        for (RuleSource source : sources) {
            String path = "src/main/resources/" + packageFolder(source.content()) + fileName(source.name());
            nameByPath.put(path, source.name());
            files.write(path, source.content());
        }
        KieBuilder builder = services.newKieBuilder(files, classLoader).buildAll();
        List<CompileError> errors = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String text = cleanMessage(message.getText());
            if (text.isEmpty() || text.contains(PARSER_NOISE)) {
                continue;
            }
            String file = nameByPath.getOrDefault(message.getPath(), message.getPath() == null ? "(rules)" : message.getPath());
            errors.add(new CompileError(file, Math.max(message.getLine(), 0), Math.max(message.getColumn(), 0), text));
        }
        if (!errors.isEmpty()) {
            services.getRepository().removeKieModule(releaseId);
            errors.sort(CompileError.BY_POSITION);
            throw new RuleSetRejectedException(errors);
        }
        try {
            return services.newKieContainer(releaseId, classLoader).getKieBase();
        } finally {
            // The global repository would otherwise keep every build ever made.
            services.getRepository().removeKieModule(releaseId);
        }
    }

    private static List<RuleInfo> describeRules(
            KieBase base, Map<String, RuleLocation> locations, PolicyDocument policy, List<CompileError> errors) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage kiePackage : base.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleLocation at = locations.getOrDefault(rule.getName(), new RuleLocation("(rules)", 0));
                String clause = metadata(rule, "clause");
                String description = metadata(rule, "description");
                if (clause == null) {
                    errors.add(at.error("rule `" + rule.getName() + "` has no @clause naming the clause of the written policy it implements"));
                } else if (policy.clause(clause).isEmpty()) {
                    errors.add(at.error("rule `" + rule.getName() + "` cites clause `" + clause + "`, which `" + policy.name() + "` does not have"));
                }
                if (description == null) {
                    errors.add(at.error("rule `" + rule.getName() + "` has no @description saying what it does"));
                }
                rules.add(new RuleInfo(rule.getName(), clause, description, at.file(), at.line()));
            }
        }
        rules.sort(java.util.Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line));
        return rules;
    }

    /**
     * Parameter rules have no conditions, so they are exactly the rules that fire in an empty session;
     * what they insert is the policy's parameters.
     */
    private static PolicyParameters readParameters(KieBase base, Map<String, RuleLocation> locations, List<CompileError> errors) {
        KieSession session = base.newKieSession();
        try {
            session.fireAllRules(RuleSet.MAX_FIRINGS);
            Set<String> jurisdictions = new LinkedHashSet<>();
            Set<String> actions = new LinkedHashSet<>();
            List<OwnershipTest> tests = new ArrayList<>();
            for (Object fact : session.getObjects()) {
                if (fact instanceof BannedJurisdiction jurisdiction) {
                    jurisdictions.add(jurisdiction.getCode());
                } else if (fact instanceof RestrictedAction action) {
                    actions.add(action.getAction());
                } else if (fact instanceof OwnershipTest test) {
                    tests.add(test);
                }
            }
            Set<String> testIds = new java.util.HashSet<>();
            for (OwnershipTest test : tests) {
                if (!testIds.add(test.getId())) {
                    errors.add(new CompileError("(rules)", 0, 0, "two ownership tests are both named `" + test.getId() + "`"));
                }
            }
            return new PolicyParameters(jurisdictions, actions, tests);
        } catch (ConsequenceException e) {
            String rule = e.getMatch().getRule().getName();
            RuleLocation at = locations.getOrDefault(rule, new RuleLocation("(rules)", 0));
            Throwable cause = e.getCause() == null ? e : e.getCause();
            errors.add(at.error("rule `" + rule + "` failed while declaring policy parameters: " + cause.getMessage()));
            return null;
        } finally {
            session.dispose();
        }
    }

    private static Map<String, RuleLocation> locateRules(List<RuleSource> sources) {
        Map<String, RuleLocation> locations = new HashMap<>();
        for (RuleSource source : sources) {
            Matcher rule = RULE.matcher(source.content());
            while (rule.find()) {
                String name = rule.group(2) != null ? rule.group(2) : rule.group(3) != null ? rule.group(3) : rule.group(4);
                int line = 1 + (int) source.content().substring(0, rule.start(1)).chars().filter(c -> c == '\n').count();
                locations.putIfAbsent(name.replace("\\\"", "\""), new RuleLocation(source.name(), line));
            }
        }
        return locations;
    }

    private static String metadata(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        if (value == null) {
            // Drools files @description under the name of kie-api's @Description annotation.
            value = rule.getMetaData().get("org.kie.api.definition.type." + Character.toUpperCase(key.charAt(0)) + key.substring(1));
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        // Drools keeps the quotes of @key("value") in some versions; the clause is what is inside them.
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text.isEmpty() ? null : text;
    }

    private static String packageFolder(String content) {
        Matcher matcher = PACKAGE.matcher(content);
        return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
    }

    private static String fileName(String name) {
        return name.replace('/', '_');
    }

    /** Strips Drools' "[ERR 102] Line 3:4" prefix (we report the position ourselves) and trailing blanks. */
    static String cleanMessage(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = DROOLS_ERROR_PREFIX.matcher(text.strip()).replaceFirst("");
        return cleaned.replaceAll("\\s+", " ").strip();
    }

    private record RuleLocation(String file, int line) {
        CompileError error(String message) {
            return new CompileError(file, line, 1, message);
        }
    }
}
