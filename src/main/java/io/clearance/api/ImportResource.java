package io.clearance.api;

import io.clearance.audit.changes.ChangeLog;
import io.clearance.domain.Countries;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportConfig;
import io.clearance.registry.ImportJob;
import io.clearance.registry.ImportJobs;
import io.clearance.registry.io.ImportFormat;
import io.clearance.security.Actor;
import io.clearance.security.CurrentActor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Imports of published registry files into the running registry ({@link ImportJobs}): {@code POST} takes
 * the file as the body (streamed to a spool file) or, for operators, a {@code path} under the configured
 * import directory, and answers 202 with the job; {@code GET} reports its progress and, at the end, what it
 * wrote or every record it refused, by line. A committed import is recorded in the change log as
 * {@code registry.import} by the caller.
 *
 * <p>{@code /v1/registry/imports} is the path the API documents; {@code /v1/imports}, where imports were
 * first served, answers the same for clients written against it ({@link ImportAliasResource}).
 */
@Path(ImportResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final String PATH = "/v1/registry/imports";

    private final ImportJobs jobs;
    private final ChangeLog changes;
    private final CurrentActor actors;
    private final Optional<String> directory;

    ImportResource(ImportJobs jobs, ChangeLog changes, CurrentActor actors, ImportConfig config) {
        this.jobs = jobs;
        this.changes = changes;
        this.actors = actors;
        this.directory = config.directory();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response submit(
            @QueryParam("format") String format,
            @QueryParam("countryIfUnknown") String countryIfUnknown,
            @QueryParam("path") String path,
            InputStream body)
            throws IOException {
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
        java.nio.file.Path file;
        boolean keep = path != null;
        if (path != null) {
            file = operatorFile(path);
        } else {
            file = Files.createTempFile("clearance-import-", ".part");
            long bytes = body == null ? 0 : Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            if (bytes == 0) {
                Files.deleteIfExists(file);
                throw new ProblemException(
                        ErrorCode.MISSING_BODY, "the import needs the file as the body, or a `path` for operators");
            }
        }
        Actor actor = actors.get();
        ImportJob job = jobs.submit(
                chosen,
                file,
                keep,
                new ImportFormat.Options(countryIfUnknown),
                actor.id(),
                done -> record(actor, done));
        return Response.accepted(job.view())
                .location(URI.create(PATH + "/" + job.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    public ImportJob.View status(@PathParam("id") String id) {
        return jobs.view(id)
                .orElseThrow(() -> new ProblemException(ErrorCode.UNKNOWN_IMPORT, "no import job `" + id + "`"));
    }

    private java.nio.file.Path operatorFile(String path) {
        if (directory.isEmpty()) {
            throw new ProblemException(
                    ErrorCode.IMPORT_PATH_REFUSED,
                    "imports by `path` are off: an operator turns them on with `clearance.import.directory`");
        }
        ProblemException refused = new ProblemException(
                ErrorCode.IMPORT_PATH_REFUSED, "`path` must name a file under the import directory");
        java.nio.file.Path file;
        java.nio.file.Path root;
        try {
            // Real paths, links followed: a link under the directory to a file outside it (the server's keys,
            // /etc/shadow) is outside it, and a refused record's message would otherwise show its lines.
            root = java.nio.file.Path.of(directory.get()).toRealPath();
            file = root.resolve(path).toRealPath();
        } catch (IOException | InvalidPathException e) {
            throw refused; // absent, unreadable or no path: the same answer, so nothing is learnt of the disk
        }
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw refused;
        }
        return file;
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
