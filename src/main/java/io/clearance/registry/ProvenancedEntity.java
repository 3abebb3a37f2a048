package io.clearance.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;

/**
 * The columns of {@link Provenance} that parties and stakes both carry (V55): who stated the record, under
 * which key of theirs, as of when. Imports write them in bulk; the API marks what it writes.
 */
@MappedSuperclass
public abstract class ProvenancedEntity extends PanacheEntityBase {

    /** Where the record came from: {@code api} for what the API wrote, else an import's source. */
    @Column(name = "source", length = 32)
    public String source;

    @Column(name = "source_record_id", length = 256)
    public String sourceRecordId;

    @Column(name = "source_as_of")
    public LocalDate sourceAsOf;

    /** Marks the record as written through the API, as of now. */
    public void fromApi() {
        Provenance api = Provenance.api();
        source = api.source();
        sourceRecordId = null;
        sourceAsOf = api.asOf();
    }
}
