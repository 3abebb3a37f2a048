package io.clearance.engine;

import io.clearance.ClearanceConfig;
import io.clearance.policy.PolicyDocument;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the rule set that serves. It is compiled from the rules folder when the application starts; a
 * rule set that does not compile stops the start, with every error listed, rather than serve nothing or
 * something half-built.
 */
@ApplicationScoped
public class PolicyEngine {

    private static final Logger LOG = Logger.getLogger(PolicyEngine.class);

    private final ClearanceConfig config;
    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final AtomicReference<RuleSet> active = new AtomicReference<>();

    PolicyEngine(ClearanceConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        RuleSet ruleSet = compileFromDisk();
        active.set(ruleSet);
        LOG.infof("serving policy version %s: %d rules from %s", ruleSet.version(), ruleSet.rules().size(), config.rulesDir().toAbsolutePath());
    }

    /** The rule set that decides now; every decision reads it once, so it sees one whole version. */
    public RuleSet active() {
        RuleSet ruleSet = active.get();
        if (ruleSet == null) {
            throw new IllegalStateException("no rule set is loaded yet");
        }
        return ruleSet;
    }

    /** The written policy as it is on disk now. */
    public PolicyDocument policyDocument() {
        return PolicyDocument.read(policyDocumentPath());
    }

    private RuleSet compileFromDisk() {
        PolicyDocument policy = policyDocument();
        return compiler.compile(RuleSource.readDirectory(config.rulesDir()), policy);
    }

    private Path policyDocumentPath() {
        return config.policiesDir().resolve(config.policyDocument());
    }
}
