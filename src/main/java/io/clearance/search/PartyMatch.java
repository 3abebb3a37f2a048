package io.clearance.search;

/**
 * One party found by a name search, best first.
 *
 * @param score Lucene's relevance score of the match: comparable within one search, not across searches
 */
public record PartyMatch(String partyId, String name, String country, float score) {}
