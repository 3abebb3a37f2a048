package io.clearance.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportConfig;
import io.clearance.registry.ImportJob;
import io.clearance.security.Actor;
import io.clearance.security.CurrentActor;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The body of {@code POST /v1/registry/imports} (and of {@code /v1/imports}): a registry file, gigabytes for the
 * GLEIF golden copy or a PSC snapshot, written to a spool file as it arrives and then submitted as an import job
 * ({@link ImportSubmission}). {@link RequestLimits} hands it over in place of its own checks, so that this route
 * alone takes bodies up to {@code clearance.import.max-body-size} and is cut off when it stalls for {@code
 * clearance.import.body-stall-timeout}, not at the 10 s body deadline of every other route.
 *
 * <p>Why on the router and not in the REST resource: the framework's own upload check (route order -2) refuses a
 * {@code Content-Length} over {@code quarkus.http.limits.max-body-size} with an empty 413, and the REST layer
 * holds a chunked body to the same limit, with no way to raise either for one route. Here the body goes from the
 * event loop to an {@link AsyncFile} with backpressure (the request pauses while the file's write queue is full),
 * so memory stays bounded whatever the size, and no worker thread waits on a slow sender: a trickle costs a
 * connection until it stalls. Authentication and the role check (Quarkus' HTTP security, route orders -200 and
 * -100) have run before this (order -3): nobody without the {@code registrar} or {@code admin} role gets a
 * byte spooled.
 */
@ApplicationScoped
public class ImportUpload {

    private static final Logger LOG = Logger.getLogger(ImportUpload.class);
    private static final Set<String> PATHS = Set.of(ImportResource.PATH, "/v1/imports");

    private final ImportSubmission submission;
    private final ObjectMapper json;
    private final long maxBytes;
    private final long stallNanos;
    private final SpoolFiles spools;
    private final boolean continuesAutomatically;

    ImportUpload(
            ImportSubmission submission,
            ObjectMapper json,
            ImportConfig config,
            SpoolFiles spools,
            @ConfigProperty(name = "quarkus.http.handle-100-continue-automatically", defaultValue = "false")
                    boolean continuesAutomatically) {
        this.submission = submission;
        this.json = json;
        this.maxBytes = config.maxBodySize().asLongValue();
        this.stallNanos = config.bodyStallTimeout().toNanos();
        this.spools = spools;
        this.continuesAutomatically = continuesAutomatically;
    }

    /** An upload: a POST to an import path with a body, not naming an operator's file ({@code path}). */
    boolean claims(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = context.normalizedPath();
        if (request.method() != HttpMethod.POST
                || !PATHS.contains(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
                || request.getParam("path") != null) {
            return false;
        }
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded(); // an HTTP/2 stream need not say its length, nor that it has a body
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.strip().equals("0") : request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** Checks the request, then spools its body and submits the job; every outcome is answered. */
    void receive(RoutingContext context) {
        HttpServerRequest request = context.request();
        ImportSubmission.Wanted wanted;
        try {
            wanted = ImportSubmission.wanted(request.getParam("format"), request.getParam("countryIfUnknown"));
        } catch (ProblemException e) {
            refuse(context, e.problem());
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && RequestLimits.tooLong(length, maxBytes)) {
            refuse(context, tooLarge());
            return;
        }
        // invariant: the HTTP security policy let only a registrar or an admin through; should its rules ever
        // leave this path open, an anonymous caller is still refused here, before the body is read.
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            refuse(context, Problem.of(ErrorCode.AUTHENTICATION_REQUIRED, "an import needs a registrar's credential"));
            return;
        }
        Actor actor = CurrentActor.of(identity);
        // Quarkus holds the request paused until a handler reads it; paused by hand, it stays so until the file is
        // open, rather than resuming when the handler is set.
        request.pause();
        Vertx vertx = context.vertx();
        spools.create(vertx)
                .onFailure(e -> spoolFailed(context, null, e))
                .onSuccess(file -> spools.open(vertx, file)
                        .onFailure(e -> spoolFailed(context, file, e))
                        .onSuccess(opened -> new Spool(context, wanted, actor, Path.of(file), opened).start()));
    }

    private Problem tooLarge() {
        return Problem.of(
                ErrorCode.BODY_TOO_LARGE,
                "the file is larger than the import limit of " + maxBytes
                        + " bytes (`clearance.import.max-body-size`)");
    }

    private void spoolFailed(RoutingContext context, String file, Throwable e) {
        LOG.errorf("an upload could not be spooled to %s: %s", file == null ? spools.directory() : file, e.toString());
        if (file != null) {
            context.vertx().fileSystem().delete(file);
        }
        refuse(
                context,
                Problem.of(
                        ErrorCode.IMPORT_SPOOL_FAILED,
                        "the server could not store the file (is its spool directory full?); nothing was imported"));
    }

    private void refuse(RoutingContext context, Problem problem) {
        RequestLimits.refuse(context, json, problem);
    }

    /** One upload on its way to its spool file. Runs on the request's event loop throughout. */
    private final class Spool {

        private final RoutingContext context;
        private final HttpServerRequest request;
        private final ImportSubmission.Wanted wanted;
        private final Actor actor;
        private final Path path;
        private final AsyncFile file;
        private long bytes;
        private long lastByte = System.nanoTime();
        private boolean draining;
        private boolean over;
        private long timer;

        Spool(RoutingContext context, ImportSubmission.Wanted wanted, Actor actor, Path path, AsyncFile file) {
            this.context = context;
            this.request = context.request();
            this.wanted = wanted;
            this.actor = actor;
            this.path = path;
            this.file = file;
        }

        void start() {
            request.handler(this::chunk);
            request.endHandler(ignored -> ended());
            // The connection closed before the body ended: the client went away (or was cut off).
            request.exceptionHandler(this::broken);
            timer = context.vertx().setTimer(TimeUnit.NANOSECONDS.toMillis(stallNanos), ignored -> stallCheck());
            String expect = request.getHeader(HttpHeaders.EXPECT);
            if (!continuesAutomatically && expect != null && expect.equalsIgnoreCase("100-continue")) {
                // Only now, with the caller authorised and the size within the limit, is the body asked for.
                context.response().writeContinue();
            }
            request.resume();
        }

        private void chunk(Buffer buffer) {
            if (over) {
                return;
            }
            bytes += buffer.length();
            lastByte = System.nanoTime();
            if (bytes > maxBytes) {
                abandon(tooLarge());
                return;
            }
            try {
                file.write(buffer).onFailure(this::writeFailed);
            } catch (RuntimeException e) {
                // A write the channel refuses outright (not open for writing) rather than fails (a full disk).
                writeFailed(e);
                return;
            }
            if (file.writeQueueFull()) {
                // Backpressure: the disk is slower than the client; nothing more is read until the queue drains.
                request.pause();
                draining = true;
                file.drainHandler(ignored -> {
                    draining = false;
                    lastByte = System.nanoTime(); // the wait was the disk's, not the sender's
                    if (!over) {
                        request.resume();
                    }
                });
            }
        }

        private void stallCheck() {
            if (over) {
                return;
            }
            long quiet = System.nanoTime() - lastByte;
            if (draining || quiet < stallNanos) {
                long next = draining ? stallNanos : stallNanos - quiet;
                timer = context.vertx().setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(next)), i -> stallCheck());
                return;
            }
            LOG.debugf("an upload stalled after %d bytes: cut off", bytes);
            abandon(Problem.of(
                    ErrorCode.BODY_TIMEOUT,
                    "no byte of the file arrived for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos)
                            + " s (`clearance.import.body-stall-timeout`); nothing was imported"));
        }

        private void ended() {
            if (over) {
                return;
            }
            over = true;
            context.vertx().cancelTimer(timer);
            if (bytes == 0) {
                discard();
                refuse(context, Problem.of(ErrorCode.MISSING_BODY, "the import needs the file as the body"));
                return;
            }
            // Closing flushes what is queued: a write that failed fails the close too.
            file.close()
                    .onFailure(e -> spoolFailed(context, path.toString(), e))
                    .onSuccess(closed -> context.vertx()
                            .executeBlocking(() -> submission.submit(wanted, path, false, actor), false)
                            .onSuccess(this::accepted)
                            .onFailure(this::notSubmitted));
        }

        private void notSubmitted(Throwable e) {
            // No job took the file: it is this upload's to delete.
            context.vertx().fileSystem().delete(path.toString());
            if (ProblemMappers.databaseUnreachable(e)) {
                refuse(
                        context,
                        Problem.of(ErrorCode.DATABASE_UNAVAILABLE, "the database cannot be reached; retry later"));
            } else {
                LOG.errorf(e, "an uploaded import could not be submitted");
                refuse(context, Problem.of(ErrorCode.INTERNAL_ERROR, "the server failed; see its log"));
            }
        }

        private void accepted(ImportJob job) {
            String body;
            try {
                body = json.writeValueAsString(job.view());
            } catch (JsonProcessingException e) {
                body = "{\"id\":\"" + job.id() + "\"}";
            }
            context.response()
                    .setStatusCode(202)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.LOCATION, ImportResource.PATH + "/" + job.id())
                    .end(body);
        }

        private void writeFailed(Throwable e) {
            if (over) {
                return;
            }
            over = true;
            context.vertx().cancelTimer(timer);
            // Deleted now, not once closed: a write the channel refused outright still counts as outstanding, and
            // the close would wait for it for ever.
            file.close();
            spoolFailed(context, path.toString(), e);
        }

        private void broken(Throwable e) {
            if (over) {
                return;
            }
            LOG.debugf("an upload ended after %d bytes: the client went away (%s)", bytes, e);
            over = true;
            context.vertx().cancelTimer(timer);
            discard();
        }

        /** Answers {@code problem} and hangs up, leaving the rest of the body unread. */
        private void abandon(Problem problem) {
            over = true;
            context.vertx().cancelTimer(timer);
            discard();
            refuse(context, problem);
        }

        private void discard() {
            file.close().onComplete(ignored -> context.vertx().fileSystem().delete(path.toString()));
        }
    }
}
