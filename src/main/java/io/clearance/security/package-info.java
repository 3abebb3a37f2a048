/**
 * Who may call Clearance: API keys and JWTs turned into a Quarkus {@code SecurityIdentity} with Clearance's
 * roles, the path rules in {@code application.properties} that map every endpoint to those roles (deny by
 * default), the cross-site and character checks on requests, the security headers on answers, and the
 * {@link io.clearance.security.CurrentActor} that names the caller of a change or a decision.
 */
package io.clearance.security;
