package io.clearance.ownership.graph;

import java.time.LocalDate;

/**
 * Where the registry has a stake from, as the graph keeps it for evidence: the source that stated it
 * ({@code gleif}, {@code uk-psc}, {@code bods}, {@code opensanctions}), that source's key for the record,
 * and the date the source stated it as of. A stake typed through the API has none.
 *
 * @param recordId the source's key, or null when it has none
 * @param asOf the date of the statement, or null when the source does not say
 */
public record StakeSource(String source, String recordId, LocalDate asOf) {}
