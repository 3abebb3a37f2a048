/**
 * The in-memory ownership graph: parties and the stakes between them in dense arrays under one read-write
 * lock, the id index, the bulk loader, the instants at which dated stakes change force, and the kept
 * restriction indexes it keeps current as stakes change.
 */
package io.clearance.ownership.graph;
