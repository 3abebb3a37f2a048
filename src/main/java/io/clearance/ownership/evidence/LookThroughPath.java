package io.clearance.ownership.evidence;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.Rational;
import io.clearance.ownership.graph.StakeSource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * One term of a look-through share: a chain of holdings from a seed down to the party decided on, and the
 * product of its stakes. On a cycle a chain may pass the same party more than once.
 *
 * @param parties the seed first, the party decided on last
 * @param stakes {@code stakes.get(i)} is the share {@code parties.get(i)} holds in {@code parties.get(i + 1)}
 * @param product the product of the stakes as a fraction of the whole, exact (a decimal: stakes are decimals)
 * @param sources where the registry has each stake from, alongside {@code stakes} (null for a stake typed
 *     through the API); empty when no stake of the chain has a source, as in a registry typed by hand
 */
public record LookThroughPath(
        List<PartyInfo> parties, List<Long> stakes, BigDecimal product, List<StakeSource> sources) {

    public LookThroughPath {
        sources = StakeSourcesAlong.checked(sources, stakes);
    }

    /** A chain whose sources are not looked up (yet); {@link StakeSourcesAlong} adds them. */
    public LookThroughPath(List<PartyInfo> parties, List<Long> stakes, BigDecimal product) {
        this(parties, stakes, product, List.of());
    }

    /** What the chain adds to the look-through share, exactly. */
    public Rational contribution() {
        BigDecimal exact = product.stripTrailingZeros();
        return exact.scale() <= 0
                ? Rational.of(exact.toBigIntegerExact(), BigInteger.ONE)
                : Rational.of(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
    }
}
