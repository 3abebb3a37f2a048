package io.clearance.search;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The legal-form words that say what kind of company a name belongs to and nothing about which one: "Acme
 * Ltd", "ACME Limited" and "Acme GmbH" are the same name to a person onboarding a customer. Removed from a
 * name before it is indexed or searched.
 */
final class LegalForms {

    // Written as letters only: "s.a.", "S A" and "SA" all match "sa", "l.l.c." matches "llc".
    private static final List<String> LATIN = List.of(
            "limited",
            "ltd",
            "plc",
            "llc",
            "llp",
            "lp",
            "incorporated",
            "inc",
            "corporation",
            "corp",
            "company",
            "co",
            "gmbh",
            "mbh",
            "ag",
            "kg",
            "kgaa",
            "se",
            "sa",
            "sarl",
            "sas",
            "spa",
            "srl",
            "sl",
            "bv",
            "nv",
            "oy",
            "oyj",
            "ab",
            "as",
            "asa",
            "aps",
            "kk",
            "pty",
            "pvt",
            "pte",
            "ooo",
            "oao",
            "zao",
            "pao",
            "jsc",
            "ojsc");
    private static final List<String> CYRILLIC = List.of("ооо", "оао", "зао", "пао", "ао", "ип");
    // Chinese and Japanese forms are not separated by spaces: matched wherever they stand, longest first.
    private static final List<String> CJK = List.of("股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "株式会社", "合同会社", "公司");

    /** Every legal-form word, matched case-insensitively, standing alone (or anywhere, for CJK forms). */
    static final Pattern PATTERN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:" + words(LATIN) + "|" + words(CYRILLIC) + ")(?![\\p{L}\\p{N}])|"
                    + String.join("|", CJK),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private LegalForms() {}

    // Each form with optional dots and single spaces between its letters, longest first so that "sarl" is
    // removed whole rather than as "sa" and a stray "rl".
    private static String words(List<String> forms) {
        return forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(form -> form.chars()
                                .mapToObj(c -> Pattern.quote(Character.toString(c)))
                                .collect(Collectors.joining("\\.?\\s?"))
                        + "\\.?")
                .collect(Collectors.joining("|"));
    }
}
