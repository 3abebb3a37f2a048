package io.clearance.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clearance.ownership.graph.ReloadOrigin;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The change that caused a {@code decision.changed} event, for a machine to read: what kind of change it was
 * and what it names (the import job, the stakes' subjects, the rule-set version, the instants a dated stake
 * or a ban came into or out of force). The event's {@code cause} says the same in words. Only what the kind
 * has is written: a field a kind does not name is absent, never null.
 *
 * @param kind {@value #STAKE}, {@value #PARTY}, {@value #IMPORT}, {@value #RELOAD} (the registry read again
 *     with no import, such as after a hole in the outbox), {@value #RULE_SET} or {@value #FORCE}
 * @param registryVersion the registry version the new decisions were taken at, for a write or a reload; an
 *     import names the version each import committed at instead
 * @param parties the parties the change was made to (a stake's subject, a party, the subjects of the dated
 *     stakes that came into or out of force), at most {@value #LISTED}; the decisions that flipped are theirs
 *     or those of the parties below them
 * @param moreParties how many more parties the change was made to than {@code parties} lists
 * @param imports the imports a reload brought in, oldest first ({@value #IMPORT})
 * @param reason why the registry was read again without an import ({@value #RELOAD})
 * @param ruleSet the version (content hash) of the rule set that began serving ({@value #RULE_SET})
 * @param trigger what put that rule set in service: {@code activate}, {@code rollback}, {@code reload}, ...
 * @param at the instants at which something came into or out of force ({@value #FORCE})
 * @param bans the countries whose ban came into or out of force ({@value #FORCE})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WatchChange(
        String kind,
        Long registryVersion,
        List<String> parties,
        Integer moreParties,
        List<Import> imports,
        String reason,
        String ruleSet,
        String trigger,
        List<Instant> at,
        List<String> bans) {

    public static final String STAKE = "stake";
    public static final String PARTY = "party";
    public static final String IMPORT = "import";
    public static final String RELOAD = "reload";
    public static final String RULE_SET = "rule-set";
    public static final String FORCE = "force";

    /** The most parties one change lists; an event names a change, it does not carry a registry. */
    public static final int LISTED = 20;

    /**
     * One import a reload brought in.
     *
     * @param job the import job's id ({@code GET /v1/registry/imports/{job}}); absent for an offline import
     * @param format the file's format ({@code gleif-rr-csv}); absent when the importer did not record it
     * @param registryVersion the registry version the import committed at
     * @param offline true for an import run with the server stopped ({@code clearance import}); else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Import(String job, String format, long registryVersion, Boolean offline) {}

    public WatchChange {
        parties = parties == null ? List.of() : List.copyOf(parties);
        imports = imports == null ? List.of() : List.copyOf(imports);
        at = at == null ? List.of() : List.copyOf(at);
        bans = bans == null ? List.of() : List.copyOf(bans);
    }

    /** A stake or party write ({@code kind} {@value #STAKE} or {@value #PARTY}) into {@code parties}. */
    static WatchChange write(String kind, Collection<String> parties, long registryVersion) {
        return new WatchChange(
                kind, registryVersion, listed(parties), more(parties), null, null, null, null, null, null);
    }

    /** A reload: the imports it brought in, or why it was made. */
    static WatchChange reload(ReloadOrigin origin) {
        List<Import> imports = origin.imports().stream()
                .map(i -> new Import(i.job(), i.format(), i.registryVersion(), i.offline() ? Boolean.TRUE : null))
                .toList();
        // An import is named by the versions it committed at, the same on every instance; the version a load
        // was read at is not (one that loads later reads later changes too), so it is named only for a reload.
        return new WatchChange(
                imports.isEmpty() ? RELOAD : IMPORT,
                origin.registryVersion() < 0 || !imports.isEmpty() ? null : origin.registryVersion(),
                null,
                null,
                imports,
                origin.reason(),
                null,
                null,
                null,
                null);
    }

    static WatchChange ruleSet(String version, String trigger) {
        return new WatchChange(RULE_SET, null, null, null, null, null, version, trigger, null, null);
    }

    static WatchChange force(List<Instant> at, Collection<String> stakeSubjects, List<String> bans) {
        return new WatchChange(
                FORCE, null, listed(stakeSubjects), more(stakeSubjects), null, null, null, null, at, bans);
    }

    /** The words of a reload's cause: {@code import <job> (gleif-rr-csv, registry version 12)}. */
    static String describe(ReloadOrigin origin) {
        if (origin.imports().isEmpty()) {
            String version = origin.registryVersion() < 0 ? "" : ", registry version " + origin.registryVersion();
            return "registry reloaded (" + origin.reason() + version + ")";
        }
        StringBuilder words = new StringBuilder();
        for (ReloadOrigin.Import imported : origin.imports()) {
            words.append(words.isEmpty() ? "" : "; ")
                    .append(imported.offline() ? "offline import" : "import " + imported.job())
                    .append(" (")
                    .append(imported.format() == null ? "" : imported.format() + ", ")
                    .append("registry version ")
                    .append(imported.registryVersion())
                    .append(')');
        }
        return words.toString();
    }

    private static List<String> listed(Collection<String> parties) {
        return parties.stream().limit(LISTED).toList();
    }

    private static Integer more(Collection<String> parties) {
        return parties.size() > LISTED ? parties.size() - LISTED : null;
    }
}
