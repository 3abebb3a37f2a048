/**
 * The in-memory ownership graph, the bottom of {@code ownership}: the lock and the version ({@link
 * io.clearance.ownership.graph.OwnershipGraph}), the dense arrays of parties and stakes ({@code StakeTable}),
 * the id index, the bulk loader, country interning, the instants at which dated stakes change force, and
 * the publishing of each change inside the write lock, first to the {@link
 * io.clearance.ownership.graph.GraphUpkeep}s (the kept indexes above) and then to the listeners; and the walks
 * that say what a change or the passing of time can affect. It imports nothing else of {@code ownership}'s
 * subpackages.
 */
package io.clearance.ownership.graph;
