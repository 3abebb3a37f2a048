package io.clearance.registry.identity;

import io.clearance.registry.RegistryRejection;
import java.util.Locale;
import java.util.Optional;

/**
 * The identifier an imported party is known by, read from its party id. The importers key each party by its
 * register's own key (GLEIF: the LEI itself; UK PSC: {@code gb-coh:<company number>}; OpenSanctions:
 * {@code os:<entity id>}), so {@code lei:...}, {@code gb-coh:...} and {@code opensanctions:...} name those
 * parties without a stored identifier row each: a GLEIF golden copy would otherwise add 3.4M rows to the
 * table and to the in-memory index beside the graph. A party id of an LEI's form with valid check digits is
 * that LEI's party, as an import of GLEIF treats it (it would write that very party).
 */
final class ImportedIdentifiers {

    static final String GB_COH = "gb-coh";
    static final String OPENSANCTIONS = "opensanctions";
    private static final String OS_PREFIX = "os:";
    private static final String GB_COH_PREFIX = GB_COH + ":";

    private ImportedIdentifiers() {}

    /** The party id an importer gives the party {@code identifier} names, when its scheme is an imported one. */
    static Optional<String> partyId(Identifier identifier) {
        return switch (identifier.scheme()) {
            case Identifier.LEI -> Optional.of(identifier.id());
            // The PSC reader upper-cases company numbers (SC123456), as Companies House writes them.
            case GB_COH -> Optional.of(GB_COH_PREFIX + identifier.id().toUpperCase(Locale.ROOT));
            case OPENSANCTIONS -> Optional.of(OS_PREFIX + identifier.id());
            default -> Optional.empty();
        };
    }

    /** The identifier a party id is read as, when it is an imported register's key; empty otherwise. */
    static Optional<Identifier> of(String partyId) {
        try {
            if (partyId.startsWith(GB_COH_PREFIX)) {
                return Optional.of(Identifier.of(GB_COH, partyId.substring(GB_COH_PREFIX.length())));
            }
            if (partyId.startsWith(OS_PREFIX)) {
                return Optional.of(Identifier.of(OPENSANCTIONS, partyId.substring(OS_PREFIX.length())));
            }
            if (partyId.length() == 20) {
                return Optional.of(new Identifier(Identifier.LEI, Identifier.checkLei(partyId)))
                        .filter(lei -> lei.id().equals(partyId)); // an LEI is upper case
            }
        } catch (RegistryRejection notAnIdentifier) {
            // a party id of that shape whose rest is no identifier: it has none
        }
        return Optional.empty();
    }
}
