package io.clearance.ownership.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A listener names a change by the version it raises the graph to ({@link OwnershipGraph#changingTo}), read in
 * the write lock: the watch events of one change must carry the same version on every instance, whatever
 * later changes the instance has applied before its worker comes to this one.
 */
class ChangingToTest {

    @Test
    void aListenerReadsTheVersionItsChangeRaisesTheGraphTo() {
        OwnershipGraph graph = new OwnershipGraph();
        List<long[]> heard = new ArrayList<>(); // {version() as the listener sees it, changingTo()}
        graph.addListener((kind, roots) -> heard.add(new long[] {graph.version(), graph.changingTo()}));

        // As the server applies committed changes: the registry's own versions, with gaps between them.
        graph.applyAt(7, () -> graph.putParty(company("a")));
        graph.applyAt(12, () -> graph.putParty(company("b")));
        assertEquals(12, graph.version());
        // A graph no registry backs counts its changes one by one.
        graph.putStake("b", "a", 5_000);
        assertEquals(13, graph.version());

        assertEquals(List.of(0L, 7L, 12L), heard.stream().map(h -> h[0]).toList(), "version() is still the one before");
        assertEquals(List.of(7L, 12L, 13L), heard.stream().map(h -> h[1]).toList());
    }

    private static PartyInfo company(String id) {
        return new PartyInfo(id, "Company " + id, PartyKind.COMPANY, "DE", null);
    }
}
