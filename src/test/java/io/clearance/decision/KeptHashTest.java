package io.clearance.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.ownership.graph.OwnershipGraph;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The hash of an answer's stored text is kept with the memo entry that answers it, not in a global cache: the
 * hits of one entry share one {@link KeptHash}, which hashes a text once and never gives a hash for another
 * text; an answer no entry holds carries none.
 */
class KeptHashTest {

    @Test
    void aTextIsHashedOnceAndAnotherTextIsHashedAgain() {
        List<String> hashed = new ArrayList<>();
        UnaryOperator<String> hashing = text -> {
            hashed.add(text);
            return "#" + text.length() + text;
        };
        KeptHash kept = new KeptHash();
        assertEquals("#5first", kept.of("first", hashing));
        assertEquals("#5first", kept.of(new String("first"), hashing), "an equal text: the kept hash");
        assertEquals(List.of("first"), hashed);
        assertEquals("#6second", kept.of("second", hashing), "another text: its own hash, never the kept one");
        assertEquals("#6second", kept.of("second", hashing));
        assertEquals("#5first", kept.of("first", hashing));
        assertEquals(List.of("first", "second", "first"), hashed);
    }

    @Test
    void theHitsOfAMemoEntryShareItsKeptHash() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(new PartyInfo("acme", "Acme", PartyKind.COMPANY, "DE", null));
        graph.putParty(new PartyInfo("other", "Other", PartyKind.COMPANY, "DE", null));
        DecisionMemo memo = new DecisionMemo(graph, new SimpleMeterRegistry(), true, 100);
        Decider decider = new Decider();
        DecisionQuery acme = new DecisionQuery("acme", Action.API_ACCESS, null);

        DecisionAnswer miss = memo.answer("d1", acme, MemoFixture.bundledRules(), decider);
        DecisionAnswer hit = memo.answer("d2", acme, MemoFixture.bundledRules(), decider);
        DecisionAnswer again = memo.answer("d3", acme, MemoFixture.bundledRules(), decider);
        DecisionAnswer other = memo.answer(
                "d4", new DecisionQuery("other", Action.API_ACCESS, null), MemoFixture.bundledRules(), decider);

        assertSame(miss.evidenceHash(), hit.evidenceHash(), "the miss that stored the entry and its hits");
        assertSame(hit.evidenceHash(), again.evidenceHash());
        assertNotSame(hit.evidenceHash(), other.evidenceHash(), "each entry its own");
        assertNull(
                new DecisionMemo(graph, new SimpleMeterRegistry(), false, 100)
                        .answer("d5", acme, MemoFixture.bundledRules(), decider)
                        .evidenceHash(),
                "an answer no entry holds carries none");
    }
}
