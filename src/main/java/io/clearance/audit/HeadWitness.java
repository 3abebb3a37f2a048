package io.clearance.audit;

import java.io.IOException;

/**
 * Somewhere outside the database that keeps every checkpoint: the local head file, an external file, and
 * whatever an operator adds (an object store with retention lock, a syslog collector). A witness only
 * receives; {@code verify} compares the database against what a witness kept.
 */
public interface HeadWitness {

    void witness(Checkpoint checkpoint) throws IOException;
}
