package io.clearance.audit.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.security.Actor;
import io.clearance.security.CurrentActor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Appends changes to the change log, one committed record per change, chained to the one before. Changes
 * are rare (an operator's or an author's act), so records are written one at a time under a lock.
 *
 * <p>The change is made first, then recorded: the record holds the state after. If the record cannot be
 * written, the change stands and the attribution goes to the server log at ERROR, so it is never silent.
 * invariant: one writer per database, as for the decisions' log.
 */
@ApplicationScoped
public class ChangeLog {

    private static final Logger LOG = Logger.getLogger(ChangeLog.class);

    private final DataSource dataSource;
    private final CurrentActor actors;
    private final ObjectMapper json;

    ChangeLog(DataSource dataSource, CurrentActor actors, ObjectMapper json) {
        this.dataSource = dataSource;
        this.actors = actors;
        this.json = json;
    }

    /**
     * Records a change made by the current caller ({@link CurrentActor}).
     *
     * @param action what was done, dotted: {@code party.put}, {@code policy.promote}, {@code api-key.revoke}
     * @param target what it was done to: {@code party:<id>}, {@code policy}, {@code api-key:<id>}
     * @param before the state before, serialised as JSON; {@code null} when it did not exist
     * @param after the state after; {@code null} when it no longer exists
     */
    public void record(String action, String target, Object before, Object after) {
        record(actors.get(), action, target, before, after);
    }

    /** Records a change made by {@code actor}. */
    public synchronized void record(Actor actor, String action, String target, Object before, Object after) {
        String beforeJson = before == null ? null : write(before);
        String afterJson = after == null ? null : write(after);
        try {
            QuarkusTransaction.requiringNew().run(() -> append(actor, action, target, beforeJson, afterJson));
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "CHANGE NOT RECORDED in the change log: actor=%s action=%s target=%s before=%s after=%s",
                    actor.id(),
                    action,
                    target,
                    beforeJson,
                    afterJson);
        }
    }

    private void append(Actor actor, String action, String target, String beforeJson, String afterJson) {
        try (Connection c = dataSource.getConnection()) {
            ChangeChain.append(c, actor, action, target, beforeJson, afterJson);
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the change log: " + e.getMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a change's state always serialises", e);
        }
    }
}
