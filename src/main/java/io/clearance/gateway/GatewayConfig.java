package io.clearance.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/**
 * The request headers that carry a decision's fields on the header-based gateway interfaces (Envoy
 * ext_authz and nginx {@code auth_request}). The gateway must set them from what it has authenticated and
 * strip any a client sent: Clearance decides for whoever they name.
 */
@ConfigMapping(prefix = "clearance.gateway")
public interface GatewayConfig {

    @WithDefault("x-clearance-subject")
    String subjectHeader();

    @WithDefault("x-clearance-action")
    String actionHeader();

    @WithDefault("x-clearance-on-behalf-of")
    String onBehalfOfHeader();

    /**
     * The AuthZEN {@code subject.type}s read as identifier schemes: {@code {"type": "lei", "id": "5493…"}}
     * names the party that carries that LEI. Listed, so that a type such as {@code user} stays what it is (a
     * subject Clearance does not decide for) rather than an identifier nobody carries.
     */
    @WithDefault("lei,gb-coh,ocid,opensanctions")
    Set<String> identifierSchemes();
}
