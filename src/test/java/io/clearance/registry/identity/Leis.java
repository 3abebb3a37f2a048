package io.clearance.registry.identity;

import java.math.BigInteger;
import java.util.Locale;
import java.util.UUID;

/** LEIs for tests: each fresh one carries valid ISO 17442 check digits, so only its novelty is tested. */
public final class Leis {

    private Leis() {}

    /** A fresh LEI: 18 random characters, then the two check digits that make it mod 97 = 1. */
    public static String fresh() {
        return withCheckDigits(("T" + UUID.randomUUID().toString().replace("-", ""))
                .substring(0, 18)
                .toUpperCase(Locale.ROOT));
    }

    /** {@code base} (18 characters) followed by the two ISO 7064 MOD 97-10 check digits. */
    public static String withCheckDigits(String base) {
        StringBuilder digits = new StringBuilder();
        for (char c : (base + "00").toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        int check = 98
                - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return base + String.format("%02d", check);
    }
}
