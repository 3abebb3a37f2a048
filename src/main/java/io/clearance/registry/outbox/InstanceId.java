package io.clearance.registry.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The name this instance signs its outbox rows with, so that an operator can tell which instance took a change:
 * the instance id the audit log claims at start ({@code clearance.instance.id}, or the one generated into its data
 * folder), so that one instance's changes and decisions carry one name. Start-up names it once the audit log has
 * claimed the id; before that, and in tools that never start the audit log, the host name and process id. Nothing
 * depends on it being unique.
 */
@ApplicationScoped
public class InstanceId {

    private volatile String id = hostAndPid();

    public String id() {
        return id;
    }

    /** The id this instance's audit log claimed. */
    public void name(String claimed) {
        if (claimed != null && !claimed.isBlank()) {
            this.id = claimed;
        }
    }

    private static String hostAndPid() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local");
        String id = host + ":" + ProcessHandle.current().pid();
        return id.length() <= 128 ? id : id.substring(0, 128);
    }
}
