package io.clearance.registry;

import java.time.LocalDate;

/**
 * Where a party or stake came from: the source that stated it ({@code gleif}, {@code uk-psc}, {@code bods},
 * {@code opensanctions}, {@code api}), that source's own key for the record (an LEI, a PSC link, a BODS
 * {@code recordId}, a FollowTheMoney id), and the date the source stated it as of. Imports key records by
 * (source, source record id), and a configured precedence decides between two sources stating the same
 * relationship ({@link ImportPrecedence}).
 *
 * @param recordId the source's key, or {@code null} when it has none
 * @param asOf the date the source's statement is as of, or {@code null} when it does not say
 */
public record Provenance(String source, String recordId, LocalDate asOf) {

    /** What the HTTP API and the CLI's own formats record: typed by a person, as of today. */
    public static Provenance api() {
        return new Provenance(ImportPrecedence.API, null, LocalDate.now(java.time.ZoneOffset.UTC));
    }

    public Provenance {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a provenance needs a source");
        }
        if (recordId != null && recordId.length() > 256) {
            recordId = recordId.substring(0, 256);
        }
    }
}
