package io.clearance.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clearance.ownership.graph.ReloadOrigin;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How a watch event names its cause: in words ({@link WatchChange#describe}) and for a program (the JSON of
 * {@link WatchChange}, written as the server writes it: absent fields, not nulls).
 */
class WatchChangeTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void anImportIsNamedByItsJob() throws Exception {
        ReloadOrigin origin = ReloadOrigin.of(12, List.of(new ReloadOrigin.Import(12, "job-1", "gleif-rr-csv")), "x");
        assertEquals("import job-1 (gleif-rr-csv, registry version 12)", WatchChange.describe(origin));
        assertEquals(
                "{\"kind\":\"import\","
                        + "\"imports\":[{\"job\":\"job-1\",\"format\":\"gleif-rr-csv\",\"registryVersion\":12}]}",
                json.writeValueAsString(WatchChange.reload(origin)));
    }

    @Test
    void anOfflineImportSaysItHadNoJobAndTwoImportsInOneReloadAreBothNamed() throws Exception {
        ReloadOrigin origin = ReloadOrigin.of(
                9,
                List.of(new ReloadOrigin.Import(8, null, "bods"), new ReloadOrigin.Import(9, "job-2", "uk-psc")),
                "x");
        assertEquals(
                "offline import (bods, registry version 8); import job-2 (uk-psc, registry version 9)",
                WatchChange.describe(origin));
        assertEquals(
                "{\"kind\":\"import\",\"imports\":["
                        + "{\"format\":\"bods\",\"registryVersion\":8,\"offline\":true},"
                        + "{\"job\":\"job-2\",\"format\":\"uk-psc\",\"registryVersion\":9}]}",
                json.writeValueAsString(WatchChange.reload(origin)));
        assertEquals(
                "offline import (registry version 3)",
                WatchChange.describe(ReloadOrigin.of(3, List.of(new ReloadOrigin.Import(3, null, null)), "x")));
    }

    @Test
    void aReloadWithNoImportSaysWhy() throws Exception {
        ReloadOrigin origin = ReloadOrigin.of(12, List.of(), "registry changes 7 to 9 never showed up");
        assertEquals(
                "registry reloaded (registry changes 7 to 9 never showed up, registry version 12)",
                WatchChange.describe(origin));
        assertEquals(
                "{\"kind\":\"reload\",\"registryVersion\":12,\"reason\":\"registry changes 7 to 9 never showed up\"}",
                json.writeValueAsString(WatchChange.reload(origin)));
    }

    @Test
    void twoReloadsTakenAsOneKeepBothImportsAndTheLaterVersion() {
        ReloadOrigin first = ReloadOrigin.of(5, List.of(new ReloadOrigin.Import(5, "a", "bods")), "x");
        ReloadOrigin second = ReloadOrigin.of(7, List.of(), "registry reloaded");
        ReloadOrigin both = first.then(second);
        assertEquals(7, both.registryVersion());
        assertEquals(first.imports(), both.imports());
        assertEquals(null, both.reason(), "a reload that brought an import in is named by it");
    }

    @Test
    void aRuleSetAChangeOfForceAndAWriteNameWhatTheyChanged() throws Exception {
        assertEquals(
                "{\"kind\":\"rule-set\",\"ruleSet\":\"3f2a\",\"trigger\":\"activate\"}",
                json.writeValueAsString(WatchChange.ruleSet("3f2a", "activate")));
        assertEquals(
                "{\"kind\":\"force\",\"parties\":[\"acme\"],\"at\":[\"2027-01-01T00:00:00Z\"],\"bans\":[\"CN\"]}",
                json.writeValueAsString(WatchChange.force(
                        List.of(Instant.parse("2027-01-01T00:00:00Z")), List.of("acme"), List.of("CN"))));
        List<String> many = IntStream.range(0, 25).mapToObj(i -> "p" + i).toList();
        WatchChange write = WatchChange.write(WatchChange.PARTY, many, 4);
        assertEquals(many.subList(0, WatchChange.LISTED), write.parties());
        assertEquals(5, write.moreParties());
    }
}
