/**
 * How a registry change committed through any instance reaches every instance's ownership graph: the
 * transactional outbox ({@code registry_change}, written in the change's transaction), the follower that
 * applies its rows in sequence, and the wake-up ({@code LISTEN/NOTIFY} on PostgreSQL, a poll everywhere).
 */
package io.clearance.registry.outbox;
