package io.clearance.api;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.math.BigDecimal;

/**
 * Makes JSON numbers into tree nodes only when their decimal exponent is within {@link
 * JsonSettings#MAX_EXPONENT}. {@code 1e1000000000} is 12 characters, passes every length limit, and is a
 * cheap {@link BigDecimal}; but writing it out in full, or scaling it to a share, takes a billion digits.
 * It is refused here, as the body is read, before anything converts it.
 */
final class BoundedNumbers extends JsonNodeFactory {

    private static final long serialVersionUID = 1L;

    BoundedNumbers() {
        super();
    }

    @Override
    public ValueNode numberNode(BigDecimal value) {
        if (value != null && !withinExponent(value)) {
            // numberNode declares no checked exception; the refusal travels as Jackson's own limit breaches do.
            throw NumberOutOfRange.<RuntimeException>sneaky(new NumberOutOfRange());
        }
        return super.numberNode(value);
    }

    /** True when {@code value} is zero or its decimal exponent (as in {@code 1.5e7}: 7) is within the limit. */
    static boolean withinExponent(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        return Math.abs(exponent) <= JsonSettings.MAX_EXPONENT;
    }

    /** A number beyond the exponent limit; mapped to the {@code number-out-of-range} problem. */
    static final class NumberOutOfRange extends StreamConstraintsException {

        private static final long serialVersionUID = 1L;

        NumberOutOfRange() {
            super("a number has an exponent beyond ±" + JsonSettings.MAX_EXPONENT);
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> T sneaky(Throwable e) throws T {
            throw (T) e;
        }
    }
}
