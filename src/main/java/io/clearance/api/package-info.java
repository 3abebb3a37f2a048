/**
 * The HTTP surface (v1 contract): resources for decisions and the party registry, their request bodies,
 * and the mapping of every failure to {@code application/problem+json} with a stable code.
 */
package io.clearance.api;
