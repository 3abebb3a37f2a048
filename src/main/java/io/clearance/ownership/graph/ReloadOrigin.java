package io.clearance.ownership.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Why the graph was loaded again, as {@link ReloadChanges#origin()} tells the listeners: the imports whose
 * commits the load brought in (each named by its job, so that every instance, not only the one that ran the
 * job, can say which import changed what), or, when it brought in none, why the whole registry was read
 * again (a hole in the outbox, a change that could not be applied). A plain value: the graph knows nothing
 * of import jobs or outboxes, only what the loader handed it.
 *
 * @param registryVersion the registry version the load was read at
 * @param imports the imports committed since the graph's last version, oldest first; empty when none
 * @param reason why the registry was read again without an import; null when it brought in one
 */
public record ReloadOrigin(long registryVersion, List<Import> imports, String reason) {

    /**
     * One committed import.
     *
     * @param registryVersion the registry version its commit raised the registry to
     * @param job the import job's id ({@code POST /v1/registry/imports}); null for an offline import
     * @param format the file's format by its wire name ({@code gleif-rr-csv}); null when not recorded
     */
    public record Import(long registryVersion, String job, String format) {

        /** An import run with the server stopped ({@code clearance import}): it had no job. */
        public boolean offline() {
            return job == null;
        }
    }

    public ReloadOrigin {
        imports = List.copyOf(imports);
    }

    /** A load that brought in {@code imports}, or, when there are none, one read again for {@code reason}. */
    public static ReloadOrigin of(long registryVersion, List<Import> imports, String reason) {
        return new ReloadOrigin(registryVersion, imports, imports.isEmpty() ? reason : null);
    }

    /** A load nothing said anything about (a test's, a benchmark's). */
    public static ReloadOrigin unknown() {
        return new ReloadOrigin(-1, List.of(), "registry loaded");
    }

    /** This load and a {@code later} one not yet looked at, as one: both their imports, the later's version. */
    public ReloadOrigin then(ReloadOrigin later) {
        List<Import> both = new ArrayList<>(imports);
        both.addAll(later.imports);
        return of(later.registryVersion, both, later.reason != null ? later.reason : reason);
    }
}
