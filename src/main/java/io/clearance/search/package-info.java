/**
 * Finding parties by name for onboarding: a Lucene index in memory over the ownership graph's parties, with
 * legal names normalised (legal-form words, case, accents, CJK) and results ranked by similarity.
 */
package io.clearance.search;
