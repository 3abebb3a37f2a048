package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.domain.ControlBasis;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one reading of a stake's terms, without HTTP: what each shape means in {@link StakeTerms}, and that
 * writing terms back and reading them again gives the same terms. The refusals are covered over HTTP.
 */
class StakeSpecTest {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void anExactShareIsAnExactShare() {
        assertEquals(StakeTerms.exact(Share.fromPercent("40.5")), read("{\"percent\": 40.5}"));
    }

    @Test
    void minAndMaxAreExclusiveAtLeastAndAtMostInclusive() {
        assertEquals(
                StakeTerms.between(Share.fromPercent("25"), Share.fromPercent("50")),
                read("{\"percent\": {\"min\": 25, \"max\": 50}}"));
        StakeTerms inclusive = read("{\"percent\": {\"atLeast\": 25, \"atMost\": 50}}");
        assertEquals(false, inclusive.minExclusive());
        assertEquals(false, inclusive.maxExclusive());
        StakeTerms open = read("{\"percent\": {\"min\": 75}}");
        assertEquals(Share.HUNDRED_PERCENT, open.max());
        assertEquals(false, open.maxExclusive());
    }

    @Test
    void controlAloneIsAShareOfNothingWithControl() {
        StakeTerms terms = read("{\"control\": [\"board-appointment\"]}");
        assertEquals(0, terms.min());
        assertEquals(0, terms.max());
        assertEquals(Set.of(ControlBasis.BOARD_APPOINTMENT), terms.control());
    }

    @Test
    void aDateIsTheStartOfItsDayInUtcAndValidToIsExclusive() {
        StakeTerms terms =
                read("{\"percent\": 60, \"validFrom\": \"2024-01-01\", \"validTo\": \"2025-01-01T00:00:00Z\"}");
        assertEquals(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(), terms.validFrom());
        assertTrue(terms.inForceAt(Instant.parse("2024-12-31T23:59:59Z").getEpochSecond()));
        assertTrue(!terms.inForceAt(Instant.parse("2025-01-01T00:00:00Z").getEpochSecond()));
    }

    @Test
    void whatIsWrittenBackReadsAsTheSameTerms() throws Exception {
        for (String json : List.of(
                "{\"percent\": 12.000001}",
                "{\"percent\": {\"min\": 25, \"max\": 50}}",
                "{\"percent\": {\"atLeast\": 0.5, \"max\": 100}}",
                "{\"percent\": {\"min\": 0, \"atMost\": 10}}",
                "{\"control\": [\"consolidation\", \"other-influence\"], \"validTo\": \"2030-01-01\"}",
                "{\"percent\": 100, \"control\": [\"board-appointment\"], \"validFrom\": \"1999-12-31T23:00:00Z\"}")) {
            StakeTerms terms = read(json);
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("percent", StakeSpec.percent(terms));
            written.put("control", StakeSpec.control(terms));
            written.put("validFrom", StakeSpec.instantText(terms.validFrom()));
            written.put("validTo", StakeSpec.instantText(terms.validTo()));
            JsonNode again = JSON.valueToTree(written);
            assertEquals(
                    terms,
                    StakeSpec.read(
                            again.get("percent"), again.get("control"), again.get("validFrom"), again.get("validTo")),
                    json);
        }
    }

    @Test
    void anExactShareIsWrittenAsANumberAndControlAloneWithoutPercent() {
        assertEquals(new BigDecimal("60"), StakeSpec.percent(StakeTerms.exact(Share.fromPercent("60"))));
        StakeTerms control = StakeTerms.control(Set.of(ControlBasis.OTHER_INFLUENCE));
        assertNull(StakeSpec.percent(control));
        assertEquals(List.of("other-influence"), StakeSpec.control(control));
        assertNull(StakeSpec.control(StakeTerms.exact(1)));
    }

    @Test
    void refusalsCarryTheirCodeAndNameTheField() {
        RegistryRejection range = assertThrows(RegistryRejection.class, () -> read("{\"percent\": {\"mni\": 25}}"));
        assertEquals("invalid-range", range.code());
        assertEquals(
                "`percent.mni` is not a bound: a range takes `min` or `atLeast`, and `max` or `atMost`",
                range.getMessage());
        RegistryRejection date =
                assertThrows(RegistryRejection.class, () -> read("{\"percent\": 1, \"validTo\": \"soon\"}"));
        assertEquals("invalid-date", date.code());
        assertTrue(date.getMessage().startsWith("`validTo` `soon` is neither"), date.getMessage());
        RegistryRejection control = assertThrows(RegistryRejection.class, () -> read("{\"control\": [\"votes\"]}"));
        assertEquals(
                "control `votes` is not one of `consolidation`, `board-appointment`, `other-influence`",
                control.getMessage());
    }

    private static StakeTerms read(String json) {
        try {
            JsonNode body = JSON.readTree(json);
            return StakeSpec.read(body.get("percent"), body.get("control"), body.get("validFrom"), body.get("validTo"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
