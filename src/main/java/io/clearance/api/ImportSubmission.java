package io.clearance.api;

import io.clearance.audit.changes.ChangeLog;
import io.clearance.domain.Countries;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportJob;
import io.clearance.registry.ImportJobs;
import io.clearance.registry.io.ImportFormat;
import io.clearance.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What both ways into an import share: the query parameters read and checked, and the job submitted with the
 * change-log entry it writes when it commits. An upload ({@link ImportUpload}) is checked before a byte of its
 * body is read; an operator's file by path ({@link ImportResource}) is checked the same way.
 */
@ApplicationScoped
public class ImportSubmission {

    /** An import asked for: the format of its file and the options of its reader. */
    public record Wanted(ImportFormat format, ImportFormat.Options options) {}

    private final ImportJobs jobs;
    private final ChangeLog changes;

    ImportSubmission(ImportJobs jobs, ChangeLog changes) {
        this.jobs = jobs;
        this.changes = changes;
    }

    /** The query parameters {@code format} and {@code countryIfUnknown}, or the problem with them. */
    static Wanted wanted(String format, String countryIfUnknown) {
        ImportFormat chosen = ImportFormat.ofWireName(format == null ? "" : format)
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.UNKNOWN_IMPORT_FORMAT,
                        "`format` " + (format == null ? "is missing" : "`" + format + "` is not known")
                                + ": one of "
                                + Arrays.stream(ImportFormat.values())
                                        .map(f -> "`" + f.wireName() + "`")
                                        .collect(Collectors.joining(", "))));
        if (countryIfUnknown != null && !Countries.isIsoCode(countryIfUnknown)) {
            throw new ProblemException(
                    ErrorCode.INVALID_COUNTRY,
                    "`countryIfUnknown` `" + countryIfUnknown + "` is not an ISO 3166-1 alpha-2 code");
        }
        return new Wanted(chosen, new ImportFormat.Options(countryIfUnknown));
    }

    /**
     * Queues the import of {@code file} for {@code actor}; the job owns the file from then on (and deletes it when
     * done unless {@code keep}). Blocking: the job is stored before this returns.
     */
    ImportJob submit(Wanted wanted, Path file, boolean keep, Actor actor) throws IOException {
        return jobs.submit(wanted.format(), file, keep, wanted.options(), actor.id(), done -> record(actor, done));
    }

    private void record(Actor actor, ImportJob job) {
        ImportJob.View view = job.view();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("import", view.id());
        after.put("format", view.format());
        after.put("source", view.source());
        after.put("records", view.report().recordsRead());
        after.put("partiesWritten", view.report().partiesWritten());
        after.put("stakesWritten", view.report().stakesWritten());
        after.put("stakesClosed", view.report().stakesClosed());
        after.put("registryVersion", view.registryVersion());
        changes.record(actor, "registry.import", "import:" + view.id(), null, after);
    }
}
