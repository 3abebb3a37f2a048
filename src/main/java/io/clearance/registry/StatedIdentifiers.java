package io.clearance.registry;

import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.PartyIdentifiers;
import io.clearance.registry.identity.StatedIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The identifiers an import's records state of their parties (a BODS entity's {@code identifiers[]}, an FtM
 * {@code leiCode}), stored into {@code party_identifier} with the source that stated them once the parties are
 * merged. In file order, so the last statement of a party wins: its source's identifiers of that party become
 * exactly the ones it states (a closed record states none), and identifiers given through the API or by
 * another source stay. Storing one already held by the same party changes nothing, so importing a file twice
 * changes nothing. One held by another party (stored, or a register's key such as GLEIF's {@code lei:X} for
 * party {@code X}) is never taken from its party: it is left out, counted and noted with the line and field
 * that stated it, and the import goes on (the parties are not merged).
 *
 * <p>Memory: the records that state identifiers, a few each; files of published registries state them for
 * some of their entities, not for every row of a golden copy (GLEIF parties carry theirs by their id).
 */
final class StatedIdentifiers {

    private record Stated(
            String partyId, String source, List<StatedIdentifier> identifiers, long line, String recordId) {}

    private final List<Stated> stated = new ArrayList<>();

    void add(String partyId, String source, List<StatedIdentifier> identifiers, long line, String recordId) {
        stated.add(new Stated(partyId, source, List.copyOf(identifiers), line, recordId));
    }

    /** Stores them, in the import's transaction; refusals go to {@code report}. */
    void apply(Connection connection, ImportReport report) throws SQLException {
        for (Stated record : stated) {
            Set<Identifier> wanted = new HashSet<>();
            for (StatedIdentifier s : record.identifiers()) {
                Optional<String> holder = holder(connection, s.identifier(), record.partyId());
                if (holder.isPresent()) {
                    // Not a bad record, so not a refusal of the whole file: two sources naming one company
                    // (a PSC company and the BODS statement of it) must load side by side. The identifier
                    // stays with its holder; the two parties are not merged, which the note says.
                    report.skipped("identifiers already held by another party (left with it)");
                    report.note("line " + record.line() + " " + s.field() + ": identifier `" + s.identifier()
                            + "` already belongs to party `" + holder.get() + "`, not given to `"
                            + record.partyId() + "` (the two parties are not merged)");
                } else {
                    wanted.add(s.identifier());
                }
            }
            replace(connection, record, wanted);
        }
    }

    /** The other party that holds {@code identifier}, if one does. */
    private static Optional<String> holder(Connection connection, Identifier identifier, String partyId)
            throws SQLException {
        Optional<String> keyed = PartyIdentifiers.registerKeyParty(identifier).filter(id -> !id.equals(partyId));
        if (keyed.isPresent()) {
            try (PreparedStatement party = connection.prepareStatement("select 1 from party where id = ?")) {
                party.setString(1, keyed.get());
                try (ResultSet row = party.executeQuery()) {
                    if (row.next()) {
                        return keyed;
                    }
                }
            }
        }
        try (PreparedStatement held = connection.prepareStatement(
                "select party_id from party_identifier where scheme = ? and id_value = ?")) {
            held.setString(1, identifier.scheme());
            held.setString(2, identifier.id());
            try (ResultSet row = held.executeQuery()) {
                return row.next() && !row.getString(1).equals(partyId)
                        ? Optional.of(row.getString(1))
                        : Optional.empty();
            }
        }
    }

    private static void replace(Connection connection, Stated record, Set<Identifier> wanted) throws SQLException {
        Set<Identifier> held = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select scheme, id_value, source from party_identifier where party_id = ?")) {
            select.setString(1, record.partyId());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Identifier identifier = new Identifier(row.getString(1), row.getString(2));
                    if (record.source().equals(row.getString(3)) && !wanted.contains(identifier)) {
                        try (PreparedStatement delete = connection.prepareStatement(
                                "delete from party_identifier where scheme = ? and id_value = ?")) {
                            delete.setString(1, identifier.scheme());
                            delete.setString(2, identifier.id());
                            delete.executeUpdate();
                        }
                    } else {
                        held.add(identifier);
                    }
                }
            }
        }
        for (Identifier identifier : wanted) {
            if (!held.contains(identifier)) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into party_identifier (scheme, id_value, party_id, source) values (?, ?, ?, ?)")) {
                    insert.setString(1, identifier.scheme());
                    insert.setString(2, identifier.id());
                    insert.setString(3, record.partyId());
                    insert.setString(4, record.source());
                    insert.executeUpdate();
                }
            }
        }
    }
}
