package io.clearance.registry.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 dates and date-times as the published registries write them ({@code 2018-03-01},
 * {@code 2018-03-01T00:00:00.000Z}, {@code 2018-03-01T00:00:00+01:00}), read by position: java.time's
 * formatter resolves every field through hash maps, and at two dates per GLEIF relationship that was most
 * of the parse time. Any other shape, and any value out of range, goes to java.time, which accepts or
 * refuses it exactly as before.
 */
final class IsoDates {

    private IsoDates() {}

    /** {@code yyyy-MM-dd}. @throws java.time.format.DateTimeParseException when it is not one */
    static LocalDate date(String text) {
        if (text.length() == 10 && dateAt(text)) {
            try {
                return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
            } catch (DateTimeException outOfRange) {
                // java.time below names the field
            }
        }
        return LocalDate.parse(text);
    }

    /** An ISO-8601 date-time with an offset. @throws java.time.format.DateTimeParseException when it is not one */
    static OffsetDateTime dateTime(String text) {
        OffsetDateTime fixed = fixed(text);
        return fixed != null ? fixed : OffsetDateTime.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:MM)}, or null for java.time to read (or refuse). */
    private static OffsetDateTime fixed(String text) {
        int length = text.length();
        if (length < 20
                || !dateAt(text)
                || text.charAt(10) != 'T'
                || !digits(text, 11, 13)
                || text.charAt(13) != ':'
                || !digits(text, 14, 16)
                || text.charAt(16) != ':'
                || !digits(text, 17, 19)) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && digits(text, at, at + 1)) {
                at++;
            }
            if (at == start || at - start > 9) {
                return null;
            }
            nano = number(text, start, at);
            for (int places = at - start; places < 9; places++) {
                nano *= 10;
            }
        }
        try {
            ZoneOffset offset;
            if (at == length - 1 && text.charAt(at) == 'Z') {
                offset = ZoneOffset.UTC;
            } else if (at == length - 6
                    && (text.charAt(at) == '+' || text.charAt(at) == '-')
                    && digits(text, at + 1, at + 3)
                    && text.charAt(at + 3) == ':'
                    && digits(text, at + 4, at + 6)) {
                int sign = text.charAt(at) == '-' ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(
                        sign * number(text, at + 1, at + 3), sign * number(text, at + 4, at + 6));
            } else {
                return null;
            }
            return OffsetDateTime.of(
                    number(text, 0, 4),
                    number(text, 5, 7),
                    number(text, 8, 10),
                    number(text, 11, 13),
                    number(text, 14, 16),
                    number(text, 17, 19),
                    nano,
                    offset);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    private static boolean dateAt(String text) {
        return digits(text, 0, 4)
                && text.charAt(4) == '-'
                && digits(text, 5, 7)
                && text.charAt(7) == '-'
                && digits(text, 8, 10);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
