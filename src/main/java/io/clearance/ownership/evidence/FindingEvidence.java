package io.clearance.ownership.evidence;

import java.math.BigDecimal;
import java.util.List;

/**
 * The evidence of one ownership finding, one record per semantics: what an auditor reads top-down, with
 * percentages as exact decimals. The records' fields, in their order, are the stable JSON shape of ownership
 * evidence in the v1 contract; a field that is {@code null} is absent from the JSON.
 *
 * <p>At the top of a finding's evidence the test, semantics, party, comparison and threshold name what was
 * measured; the upper bound's proof under {@code bounds.upper} leaves them out, as they are said above it.
 */
public sealed interface FindingEvidence extends BoundEvidence permits ExtensionEvidence, LookThroughEvidence {

    /** The id of the measure; {@code null} under {@code bounds.upper}. */
    String test();

    /** {@code restricted-by-extension} or {@code look-through}; {@code null} under {@code bounds.upper}. */
    String semantics();

    BigDecimal restrictedShare();

    boolean exceeded();

    List<PathEvidence> paths();

    /** The evidence of a restriction-by-extension finding at one bound; see {@link ExtensionEvidence}. */
    static ExtensionEvidence of(String testId, ExtensionFinding finding) {
        return ExtensionEvidence.of(testId, finding, EvidenceLimits.DEFAULT);
    }

    /** The same within {@code limits}: a cut proof says so where it is cut; see {@link EvidenceLimits}. */
    static ExtensionEvidence of(String testId, ExtensionFinding finding, EvidenceLimits limits) {
        return ExtensionEvidence.of(testId, finding, limits);
    }

    /** One line an auditor can check by hand: "`a` (A, CN) -60%-> `b` (B, SG) -60%-> `c` (C, DE)". */
    static String pathText(OwnershipPath path) {
        return ChainEvidence.text(path.parties(), path.stakes());
    }
}
