package io.clearance.registry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The positional reading of ISO dates gives what java.time gives, and refuses what it refuses. */
class IsoDatesTest {

    @Test
    void dateTimesReadAsJavaTimeReadsThem() {
        for (String text : List.of(
                "2018-03-01T00:00:00Z",
                "2018-03-01T00:00:00.000Z",
                "2023-07-11T13:42:08.123456789Z",
                "2018-03-01T23:59:59.5+01:00",
                "2018-03-01T08:00:00-05:30",
                "2018-03-01T08:00:00-00:00",
                "2024-02-29T12:00:00+14:00",
                // shapes read by java.time itself
                "2018-03-01T08:00Z",
                "2018-03-01T08:00:00+01:00:30",
                "2018-03-01T00:00:00.Z")) {
            assertEquals(OffsetDateTime.parse(text), IsoDates.dateTime(text), text);
        }
    }

    @Test
    void whatJavaTimeRefusesIsRefused() {
        for (String text : List.of(
                "2023-02-29T00:00:00Z",
                "2018-13-01T00:00:00Z",
                "2018-03-01T24:00:00Z",
                "2018-03-01T00:60:00Z",
                "2018-03-01T00:00:00+19:00",
                "2018-03-01T08:00:00+0100",
                "2018-03-01T00:00:00.1234567890Z",
                "2018-03-01 00:00:00Z",
                "2018-03-01T00:00:00",
                "２018-03-01T00:00:00Z")) {
            assertThrows(DateTimeParseException.class, () -> IsoDates.dateTime(text), text);
        }
    }

    @Test
    void datesReadAsJavaTimeReadsThemAndRefuseWhatItRefuses() {
        assertEquals(LocalDate.of(2016, 4, 6), IsoDates.date("2016-04-06"));
        assertEquals(LocalDate.of(2024, 2, 29), IsoDates.date("2024-02-29"));
        for (String text : List.of("2023-02-29", "2016-4-06", "2016-04-06Z", "20160406", "2016-00-10")) {
            assertThrows(DateTimeParseException.class, () -> IsoDates.date(text), text);
        }
    }
}
