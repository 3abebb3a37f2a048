package io.clearance;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of Clearance, named, and the rule that dependencies only point down; no exception list. From
 * the ground up:
 *
 * <pre>
 *   api, cli, startup        HTTP resources, the command line, the start-up steps (top; nothing depends on them)
 *   authoring, audit         scenarios and impact; the decision log, replay, pictures
 *   watch                    subscriptions to decision changes, webhooks, server-sent events
 *   decision                 the use case: assemble facts, run rules, combine verdicts
 *   engine                   Drools: compile, hold, run the rules; the facts they see
 *   search                   name search over the graph's parties (Lucene in memory)
 *   registry  ownership      persistence and imports | the graph, indexes, walks, findings (never registry)
 *   policy                   the written policy's clauses (read by the engine when rules compile)
 *   domain, problem, config  parties, kinds, shares, countries, stake terms; problem codes; the settings
 * </pre>
 *
 * <p>Inside {@code ownership} the subpackages are layered too, from the ground up: {@code graph} (storage, lock,
 * change publishing), {@code evidence} (what a finding shows), {@code index} (kept restrictions, which the graph
 * keeps current through a hook it does not know the type of), {@code lookthrough} (solver, chain search). The
 * package {@code ownership} itself (the port, {@code FindingService}, and the shared small types) stands over
 * them all and is no slice.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clearance");
    }

    @Test
    void layersOnlyPointDown() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Config")
                .definedBy("io.clearance")
                .layer("Domain")
                .definedBy("io.clearance.domain..")
                .layer("Problem")
                .definedBy("io.clearance.problem..")
                .layer("Policy")
                .definedBy("io.clearance.policy..")
                .layer("Ownership")
                .definedBy("io.clearance.ownership..")
                .layer("Registry")
                .definedBy("io.clearance.registry..")
                .layer("Search")
                .definedBy("io.clearance.search..")
                .layer("Engine")
                .definedBy("io.clearance.engine..")
                .layer("Decision")
                .definedBy("io.clearance.decision..")
                .layer("Watch")
                .definedBy("io.clearance.watch..")
                .layer("Authoring")
                .definedBy("io.clearance.authoring..")
                .layer("Audit")
                .definedBy("io.clearance.audit..")
                .layer("Api")
                .definedBy("io.clearance.api..")
                .layer("Cli")
                .definedBy("io.clearance.cli..")
                .layer("Startup")
                .definedBy("io.clearance.startup..")
                .whereLayer("Config")
                .mayNotAccessAnyLayer()
                .whereLayer("Domain")
                .mayNotAccessAnyLayer()
                .whereLayer("Problem")
                .mayNotAccessAnyLayer()
                .whereLayer("Policy")
                .mayOnlyAccessLayers("Domain", "Problem")
                .whereLayer("Ownership")
                .mayOnlyAccessLayers("Domain", "Problem")
                .whereLayer("Registry")
                .mayOnlyAccessLayers("Config", "Domain", "Problem", "Ownership")
                .whereLayer("Search")
                .mayOnlyAccessLayers("Config", "Domain", "Problem", "Ownership")
                .whereLayer("Engine")
                .mayOnlyAccessLayers("Config", "Domain", "Problem", "Policy", "Ownership")
                .whereLayer("Decision")
                .mayOnlyAccessLayers("Config", "Domain", "Problem", "Policy", "Ownership", "Engine")
                .whereLayer("Watch")
                .mayOnlyAccessLayers(
                        "Config", "Domain", "Problem", "Policy", "Ownership", "Registry", "Engine", "Decision")
                .whereLayer("Authoring")
                .mayOnlyAccessLayers(
                        "Config", "Domain", "Problem", "Policy", "Ownership", "Registry", "Engine", "Decision")
                // Audit fires watch events (a reseller's oversight alert); watch never reads the audit.
                .whereLayer("Audit")
                .mayOnlyAccessLayers(
                        "Config", "Domain", "Problem", "Policy", "Ownership", "Registry", "Engine", "Decision", "Watch")
                .whereLayer("Api")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Startup")
                .mayNotBeAccessedByAnyLayer()
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.clearance.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void ownershipSubpackagesAreFreeOfCycles() {
        slices().matching("io.clearance.ownership.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void ownershipLayersOnlyPointDown() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Graph")
                .definedBy("io.clearance.ownership.graph..")
                .layer("Evidence")
                .definedBy("io.clearance.ownership.evidence..")
                .layer("Index")
                .definedBy("io.clearance.ownership.index..")
                .layer("LookThrough")
                .definedBy("io.clearance.ownership.lookthrough..")
                .whereLayer("Graph")
                .mayNotAccessAnyLayer()
                .whereLayer("Evidence")
                .mayOnlyAccessLayers("Graph")
                .whereLayer("Index")
                .mayOnlyAccessLayers("Graph", "Evidence")
                .whereLayer("LookThrough")
                .mayOnlyAccessLayers("Graph", "Evidence", "Index")
                .check(classes);
    }

    /**
     * The rules above assert through ArchUnit's {@code check}, which throws on a violation; a layer that holds
     * no class (a package renamed or moved) would let them pass while checking nothing, so each must hold one.
     */
    @Test
    void everyLayerTheRulesNameHoldsClasses() {
        for (String layer : List.of(
                "io.clearance.domain",
                "io.clearance.problem",
                "io.clearance.policy",
                "io.clearance.ownership",
                "io.clearance.ownership.graph",
                "io.clearance.ownership.evidence",
                "io.clearance.ownership.index",
                "io.clearance.ownership.lookthrough",
                "io.clearance.registry",
                "io.clearance.search",
                "io.clearance.engine",
                "io.clearance.decision",
                "io.clearance.watch",
                "io.clearance.authoring",
                "io.clearance.audit",
                "io.clearance.api",
                "io.clearance.cli",
                "io.clearance.startup")) {
            assertTrue(
                    classes.containPackage(layer), "`" + layer + "` holds no class: a rule naming it checks nothing");
        }
    }
}
