package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.Bound;
import io.clearance.ownership.RestrictionCriteria;
import java.math.BigDecimal;

/**
 * What one semantics finds for one party at one bound, in the terms every semantics shares: the party, the
 * criteria, the bound, whether it passes and the share as a percentage. A two-bound finding reads its common
 * answers from here, so no semantics repeats them.
 */
public sealed interface BoundFinding permits ExtensionFinding, LookThroughFinding {

    PartyInfo party();

    RestrictionCriteria criteria();

    Bound bound();

    /** Restricted at this bound. */
    boolean exceeded();

    /** The share at this bound as a percentage; a look-through share rounded half-up to six places. */
    BigDecimal percent();
}
