/**
 * The in-memory ownership graph: parties and the stakes between them in dense arrays under one read-write
 * lock, the id index, the bulk loader, the instants at which dated stakes change force, and the kept
 * restriction indexes it keeps current as stakes change; the listeners it tells of each change inside its
 * write lock, and the walks that say what a change or the passing of time can affect ({@link
 * io.clearance.ownership.graph.Descendants}, {@link io.clearance.ownership.graph.ForceHorizon}).
 */
package io.clearance.ownership.graph;
