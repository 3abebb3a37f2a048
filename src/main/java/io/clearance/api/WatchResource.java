package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.problem.ErrorCode;
import io.clearance.security.CurrentActor;
import io.clearance.watch.DeadLetterEntity;
import io.clearance.watch.EventStreams;
import io.clearance.watch.Watch;
import io.clearance.watch.WatchService;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.List;

/**
 * Watching decisions change: subscriptions ({@code POST/GET/DELETE /v1/watches}), the events of one as
 * server-sent events ({@code GET /v1/watches/{id}/events}) and what its webhook would not take
 * ({@code GET /v1/watches/{id}/dead-letters}). The auditor's: events reveal decisions and their reasons.
 */
@Path("/v1/watches")
@Produces(MediaType.APPLICATION_JSON)
public class WatchResource {

    private final WatchService watches;
    private final WatchStreamConnections connections;
    private final CurrentActor actor;
    private final ObjectMapper json;

    WatchResource(WatchService watches, WatchStreamConnections connections, CurrentActor actor, ObjectMapper json) {
        this.watches = watches;
        this.connections = connections;
        this.actor = actor;
        this.json = json;
    }

    /** The watches of the server. */
    public record Watches(List<WatchView> watches) {}

    /** An event a webhook did not take after every attempt. */
    public record DeadLetter(String id, JsonNode event, int attempts, String lastError, Instant failedAt) {}

    /** The dead letters of a watch, oldest first. */
    public record DeadLetters(List<DeadLetter> deadLetters) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(WatchBody body) {
        if (body == null) {
            throw new ProblemException(ErrorCode.MISSING_BODY, "the request needs a JSON body with `scope`");
        }
        Watch created = watches.create(
                body.readScope(),
                body.readPartyIds(),
                body.readScheme(),
                body.readActions(),
                body.readWebhookUrl(),
                actor.get().id());
        return Response.status(201)
                .header("Location", "/v1/watches/" + created.id())
                .entity(WatchView.of(created, true))
                .build();
    }

    @GET
    public Watches list() {
        return new Watches(
                watches.all().stream().map(w -> WatchView.of(w, false)).toList());
    }

    @GET
    @Path("/{id}")
    public WatchView get(@PathParam("id") String id) {
        return WatchView.of(find(id), false);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        find(id);
        watches.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/dead-letters")
    public DeadLetters deadLetters(@PathParam("id") String id) {
        find(id);
        return new DeadLetters(
                watches.deadLetters(id).stream().map(this::letter).toList());
    }

    /**
     * The watch's events as they come, each with an id; a client that reconnects with {@code Last-Event-ID}
     * is first told, by an event named {@code dropped}, how many it missed and which (see {@link EventStreams}).
     * The stream opens with a {@code retry:}, is kept alive by comments, and when the server ends it (a client
     * too slow, a shutdown) its last event says why (see {@link WatchStreamConnections}).
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @NonBlocking // the watch is looked up in memory; the stream starts on this event loop once the head is sent
    public void events(
            @PathParam("id") String id,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse,
            @Context RoutingContext routing) {
        find(id);
        connections.open(id, lastEventId, sink, sse, routing.request());
    }

    private Watch find(String id) {
        return watches.get(id)
                .orElseThrow(() -> new ProblemException(ErrorCode.UNKNOWN_WATCH, "no watch with id `" + id + "`"));
    }

    private DeadLetter letter(DeadLetterEntity row) {
        JsonNode event;
        try {
            event = json.readTree(row.event);
        } catch (java.io.IOException e) {
            event = json.getNodeFactory().textNode(row.event);
        }
        return new DeadLetter(row.id, event, row.attempts, row.lastError, row.failedAt);
    }
}
