package io.clearance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference cannot drift: every public member of a fact class is described, and every text names a member. */
class FactReferenceTest {

    @Test
    void everyMemberIsDescribedAndEveryDescriptionNamesAMember() {
        assertEquals(List.of(), FactReference.drift());
    }

    @Test
    void theReferenceShowsPatternFieldsAndHidesTheEngineInternals() {
        FactReference.Reference reference = FactReference.generate();
        FactReference.Fact finding = reference.facts().stream()
                .filter(f -> f.name().equals("OwnershipFinding"))
                .findFirst()
                .orElseThrow();
        assertTrue(finding.properties().stream().anyMatch(p -> p.name().equals("possiblyExceeded")));
        assertTrue(finding.methods().stream().noneMatch(m -> m.name().equals("lookThrough")), "internal");
        String markdown = ReferenceMarkdown.render(reference);
        assertTrue(markdown.contains("## `Advice` (result)"), markdown);
        assertTrue(markdown.contains("| `country` | `String` |"), markdown);
    }
}
