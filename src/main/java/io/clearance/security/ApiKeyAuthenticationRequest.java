package io.clearance.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer key of Clearance's shape, on its way from the HTTP mechanism to {@link ApiKeyIdentityProvider}. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
