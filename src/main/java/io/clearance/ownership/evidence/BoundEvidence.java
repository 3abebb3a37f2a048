package io.clearance.ownership.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;

/**
 * One bound of a finding as evidence shows it under {@code bounds}: either a summary (the share and whether
 * it passes), or, for the upper bound of an uncertain finding, its whole proof without what the finding
 * above it already says.
 */
public sealed interface BoundEvidence permits BoundEvidence.Summary, FindingEvidence {

    /**
     * A bound in brief.
     *
     * @param restrictedShareExact look-through only, when rounding lost something: the exact percentage
     * @param exclusive the true share is strictly beyond {@code restrictedShare} (an exclusive range bound)
     * @param unaccounted what no recorded owner holds, when the measure counts it
     */
    record Summary(
            BigDecimal restrictedShare,
            @JsonInclude(Include.NON_NULL) String restrictedShareExact,
            @JsonInclude(Include.NON_NULL) Boolean exclusive,
            @JsonInclude(Include.NON_NULL) BigDecimal unaccounted,
            boolean exceeded)
            implements BoundEvidence {}
}
