package io.clearance.watch;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * One event on its way to one watch's webhook: its id, the body as claimed (the bytes signed, the same on every
 * attempt and on every instance that sends it), the claim's token its outcome is recorded under, and the signed
 * request.
 *
 * @param token the claim's token; {@code ""} for an event sent without a claim (the database was down)
 */
record WebhookDelivery(Watch watch, String id, String token, byte[] body, HttpRequest request) {

    /** The delivery of {@code body} to {@code watch}, signed under its secret. */
    static WebhookDelivery of(Watch watch, String id, String token, byte[] body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(watch.webhookUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSender.SIGNATURE_HEADER, "sha256=" + WebhookSender.sign(watch.secret(), body))
                .header(WebhookSender.EVENT_ID_HEADER, id)
                .header(WebhookSender.WATCH_ID_HEADER, watch.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new WebhookDelivery(watch, id, token, body, request);
    }
}
