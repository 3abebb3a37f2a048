/**
 * The party registry: parties and the stakes they hold in each other (exact or ranged shares, control,
 * validity dates), persisted with Panache, validated on the way in, and mirrored into the in-memory
 * ownership graph after every committed change; and the files it is imported from, BODS packages included.
 */
package io.clearance.registry;
