/**
 * The party registry: parties and the stakes they hold in each other, persisted with Panache, validated
 * on the way in, and mirrored into the in-memory ownership graph after every committed change.
 */
package io.clearance.registry;
