/**
 * Envoy's external authorization over gRPC ({@code envoy.service.auth.v3.Authorization/Check}), served
 * by quarkus-grpc on the HTTP port, with the stubs of the Envoy control-plane API jar.
 */
package io.clearance.gateway.envoy;
