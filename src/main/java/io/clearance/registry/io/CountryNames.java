package io.clearance.registry.io;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Country names as registers write them in free text ({@code England}, {@code United Kingdom},
 * {@code People's Republic of China}), and nationalities ({@code British}, {@code Chinese}), to ISO 3166-1
 * alpha-2 codes. The English names come from the JDK's own ISO tables ({@link Locale}); the register's usual
 * variants and the commonest nationalities are added here. A name not known is not guessed.
 */
final class CountryNames {

    private static final Map<String, String> BY_NAME = new HashMap<>();
    private static final Map<String, String> BY_NATIONALITY = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            BY_NAME.put(key(new Locale("", code).getDisplayCountry(Locale.ENGLISH)), code);
            BY_NAME.put(key(code), code);
        }
        String[][] variants = {
            {"england", "GB"},
            {"scotland", "GB"},
            {"wales", "GB"},
            {"northern ireland", "GB"},
            {"uk", "GB"},
            {"great britain", "GB"},
            {"england and wales", "GB"},
            {"united kingdom of great britain", "GB"},
            {"usa", "US"},
            {"united states of america", "US"},
            {"people's republic of china", "CN"},
            {"prc", "CN"},
            {"china mainland", "CN"},
            {"hong kong sar", "HK"},
            {"republic of ireland", "IE"},
            {"russian federation", "RU"},
            {"korea, republic of", "KR"},
            {"south korea", "KR"},
            {"uae", "AE"},
            {"the netherlands", "NL"},
            {"holland", "NL"},
            {"iran, islamic republic of", "IR"},
            {"north korea", "KP"},
            {"macau", "MO"},
            {"czech republic", "CZ"},
            {"turkey", "TR"}
        };
        for (String[] variant : variants) {
            BY_NAME.put(key(variant[0]), variant[1]);
        }
        String[][] nationalities = {
            {"british", "GB"}, {"english", "GB"}, {"scottish", "GB"}, {"welsh", "GB"}, {"northern irish", "GB"},
            {"irish", "IE"}, {"american", "US"}, {"chinese", "CN"}, {"german", "DE"}, {"french", "FR"},
            {"italian", "IT"}, {"spanish", "ES"}, {"indian", "IN"}, {"russian", "RU"}, {"polish", "PL"},
            {"dutch", "NL"}, {"canadian", "CA"}, {"australian", "AU"}, {"japanese", "JP"}, {"singaporean", "SG"},
            {"swiss", "CH"}, {"swedish", "SE"}, {"iranian", "IR"}, {"hong kong", "HK"}, {"romanian", "RO"},
            {"portuguese", "PT"}, {"pakistani", "PK"}, {"nigerian", "NG"}, {"south african", "ZA"}
        };
        for (String[] nationality : nationalities) {
            BY_NATIONALITY.put(key(nationality[0]), nationality[1]);
        }
    }

    private CountryNames() {}

    static Optional<String> country(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(key(name)));
    }

    /** A nationality (a demonym, or the country's name, as registers also write it). */
    static Optional<String> nationality(String name) {
        if (name == null) {
            return Optional.empty();
        }
        // Dual nationals are written "British,Irish": the first is kept.
        String first = name.split(",")[0];
        return Optional.ofNullable(BY_NATIONALITY.getOrDefault(key(first), BY_NAME.get(key(first))));
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
