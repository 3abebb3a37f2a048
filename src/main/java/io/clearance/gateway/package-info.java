/**
 * The interfaces gateways call on the path of every API request (OpenID AuthZEN, Envoy ext_authz over
 * gRPC, nginx {@code auth_request}) and the one use case they share: decide and log exactly as
 * {@code POST /v1/decisions} does, and fail closed when Clearance cannot decide.
 */
package io.clearance.gateway;
