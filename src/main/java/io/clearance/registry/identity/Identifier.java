package io.clearance.registry.identity;

import io.clearance.problem.ErrorCode;
import io.clearance.registry.RegistryRejection;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An identifier of a party in another register: a scheme as org-id.guide names it ({@code lei},
 * {@code gb-coh}, {@code ocid}, {@code opensanctions} ...) and the id in that scheme. Always in its
 * canonical form: the scheme lower case, an LEI upper case with its ISO 17442 check digits verified.
 */
public record Identifier(String scheme, String id) {

    public static final String LEI = "lei";

    // org-id.guide list codes are a country or `XI`/`XM` prefix and a register token: `GB-COH`, `XI-LEI`.
    // Short forms such as `lei`, `ocid` or `opensanctions` are tokens of the same shape.
    private static final Pattern SCHEME = Pattern.compile("[a-z0-9]{2,16}(-[a-z0-9]{1,16}){0,2}");
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:/#+-]{1,128}");
    private static final Pattern LEI_FORM = Pattern.compile("[A-Z0-9]{18}[0-9]{2}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    // org-id.guide's name for the Global LEI System is `XI-LEI`: the same register as `lei`.
    private static final Map<String, String> ALIASES = Map.of("xi-lei", LEI);

    /** Reads a scheme and an id as a client gave them; refuses what is not an identifier. */
    public static Identifier of(String scheme, String id) {
        if (scheme == null || id == null) {
            throw new RegistryRejection(ErrorCode.INVALID_IDENTIFIER, "an identifier needs a `scheme` and an `id`");
        }
        String canonical = canonicalScheme(scheme);
        if (!ID.matcher(id).matches()) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_IDENTIFIER,
                    "identifier id `" + id + "` must be 1 to 128 letters, digits or `.`, `_`, `:`, `/`, `#`, `+`, `-`");
        }
        if (canonical.equals(LEI)) {
            return new Identifier(LEI, checkLei(id));
        }
        return new Identifier(canonical, id);
    }

    /** A scheme in its canonical form (lower case, {@code xi-lei} as {@code lei}); refused when not a token. */
    public static String canonicalScheme(String scheme) {
        String canonical = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        if (!SCHEME.matcher(canonical).matches()) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_IDENTIFIER,
                    "identifier scheme `" + scheme + "` is not a scheme token as org-id.guide names them, such"
                            + " as `lei`, `gb-coh` or `opensanctions`");
        }
        return ALIASES.getOrDefault(canonical, canonical);
    }

    /** Reads {@code scheme:id}, as in {@code ?identifier=lei:5493001KJTIIGC8Y1R12}. */
    public static Identifier parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_IDENTIFIER,
                    "identifier `" + text + "` must be `scheme:id`, such as `lei:5493001KJTIIGC8Y1R12`");
        }
        return of(text.substring(0, colon), text.substring(colon + 1));
    }

    /**
     * An LEI in upper case once its form (18 letters or digits, then two check digits) and its ISO 17442
     * check (ISO 7064 MOD 97-10: letters as 10 to 35, the whole number modulo 97 is 1) hold.
     */
    static String checkLei(String id) {
        String lei = id.toUpperCase(Locale.ROOT);
        if (!LEI_FORM.matcher(lei).matches()) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_LEI,
                    "LEI `" + id + "` must be 20 characters: 18 letters or digits, then two check digits");
        }
        StringBuilder digits = new StringBuilder(40);
        for (char c : lei.toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        if (!new BigInteger(digits.toString()).mod(NINETY_SEVEN).equals(BigInteger.ONE)) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_LEI, "LEI `" + id + "` fails its ISO 17442 check digits (mod 97)");
        }
        return lei;
    }

    /** {@code scheme:id}: the key of the index, and how events and logs name it. */
    public String key() {
        return scheme + ":" + id;
    }

    @Override
    public String toString() {
        return key();
    }
}
