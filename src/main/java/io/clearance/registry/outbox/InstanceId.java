package io.clearance.registry.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The name this instance signs its outbox rows with ({@code clearance.registry.instance-id}): an operator's
 * way to tell which instance took a change. Nothing depends on it being unique; by default the host name and
 * process id.
 */
@ApplicationScoped
public class InstanceId {

    private final String id;

    InstanceId(RegistryFollowConfig config) {
        this.id = config.instanceId().filter(s -> !s.isBlank()).orElseGet(InstanceId::hostAndPid);
    }

    public String id() {
        return id;
    }

    private static String hostAndPid() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local");
        String id = host + ":" + ProcessHandle.current().pid();
        return id.length() <= 128 ? id : id.substring(0, 128);
    }
}
