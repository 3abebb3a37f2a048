package io.clearance.api;

import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportConfig;
import io.clearance.registry.ImportJob;
import io.clearance.registry.ImportJobs;
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
import java.util.Optional;

/**
 * Imports of published registry files into the running registry ({@link ImportJobs}): {@code POST} takes
 * the file as the body or, for operators, a {@code path} under the configured import directory, and answers 202
 * with the job; {@code GET} reports its progress and, at the end, what it wrote or every record it refused, by
 * line. A committed import is recorded in the change log as {@code registry.import} by the caller.
 *
 * <p>A body never reaches this resource: files of gigabytes are taken on the router by {@link ImportUpload}, under
 * limits of their own, before the REST layer would read them under the 1 MB limit of every other route.
 *
 * <p>{@code /v1/registry/imports} is the path the API documents; {@code /v1/imports}, where imports were
 * first served, answers the same for clients written against it ({@link ImportAliasResource}).
 */
@Path(ImportResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final String PATH = "/v1/registry/imports";

    private final ImportJobs jobs;
    private final ImportSubmission submission;
    private final CurrentActor actors;
    private final Optional<String> directory;

    ImportResource(ImportJobs jobs, ImportSubmission submission, CurrentActor actors, ImportConfig config) {
        this.jobs = jobs;
        this.submission = submission;
        this.actors = actors;
        this.directory = config.directory();
    }

    /**
     * @param body the registry file: declared for the OpenAPI document; {@link ImportUpload} has taken any body
     *     on the router, so here there is none, or a stray one beside {@code path}, which is not read
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response submit(
            @QueryParam("format") String format,
            @QueryParam("countryIfUnknown") String countryIfUnknown,
            @QueryParam("path") String path,
            InputStream body)
            throws IOException {
        ImportSubmission.Wanted wanted = ImportSubmission.wanted(format, countryIfUnknown);
        if (path == null) {
            throw new ProblemException(
                    ErrorCode.MISSING_BODY, "the import needs the file as the body, or a `path` for operators");
        }
        ImportJob job = submission.submit(wanted, operatorFile(path), true, actors.get());
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
}
