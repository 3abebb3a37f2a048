package io.clearance.domain;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes, as the JDK knows them. */
public final class Countries {

    private static final Set<String> CODES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    private Countries() {}

    /** True for an assigned alpha-2 code in upper case, such as {@code CN}; {@code cn} or {@code CHN} are not. */
    public static boolean isIsoCode(String code) {
        return code != null && CODES.contains(code);
    }

    /** The English short name of a code, for explanations: {@code CN} gives {@code China}. */
    public static String displayName(String code) {
        return new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    }
}
