package io.clearance.registry.identity;

import io.clearance.domain.PartyInfo;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistryService;
import io.clearance.registry.Upsert;
import io.clearance.registry.outbox.RegistryChange;
import io.clearance.registry.outbox.RegistryFollower;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identifiers of every party: stored beside the party in the same transaction, and held in memory so
 * that a decision or a look-up resolves {@code lei:...} to a party without the database. A party imported from
 * a register also carries that register's identifier, read from its id ({@link ImportedIdentifiers}), and
 * the ones its records state (BODS {@code identifiers[]}, FtM {@code leiCode}), which the import stores in the
 * same table with their source ({@code registry.StatedIdentifiers}).
 *
 * <p>Kept in step with the registry: identifiers are written here with their party; a party removed from
 * the graph loses its identifiers from the index as the graph tells of it (the database drops them by its
 * foreign key); a graph reloaded in one go (start, an import) marks the index stale and the next read loads
 * it again from the database.
 */
@ApplicationScoped
public class PartyIdentifiers implements GraphChangeListener {

    private static final Comparator<Identifier> ORDER =
            Comparator.comparing(Identifier::scheme).thenComparing(Identifier::id);

    private final RegistryService registry;
    private final OwnershipGraph graph;
    // invariant: a key maps to a party exactly when that party's list holds the identifier, outside a write.
    private final Map<String, String> partyByKey = new ConcurrentHashMap<>();
    private final Map<String, List<Identifier>> byParty = new ConcurrentHashMap<>();
    // Serialises writers and reloads; never taken by the graph listener (it runs inside the graph's lock,
    // which a writer holding this monitor may be waiting for).
    private final Object writes = new Object();
    private volatile boolean stale = true;

    @Inject
    PartyIdentifiers(RegistryService registry, OwnershipGraph graph, RegistryFollower follower) {
        this.registry = registry;
        this.graph = graph;
        graph.addListener(this);
        follower.onApplied(this::applied);
    }

    // A party stored through another instance may carry other identifiers now: they are read again (for this
    // instance's own writes, what was just indexed). Not under `writes`: the follower may be running for a
    // writer that holds it. A later change to the party is applied after this one, so the last read wins.
    private void applied(RegistryChange change) {
        if (change.kind() != RegistryChange.Kind.PARTY_PUT || stale) {
            return;
        }
        List<Identifier> stored = QuarkusTransaction.requiringNew()
                .call(() -> IdentifierEntity.<IdentifierEntity>list("partyId", change.partyId()).stream()
                        .map(IdentifierEntity::toIdentifier)
                        .sorted(ORDER)
                        .toList());
        index(change.partyId(), stored);
    }

    /**
     * The party that carries {@code identifier}, if one does: the party it was given to, else the imported
     * party whose id is that register's key ({@link ImportedIdentifiers}), when the graph holds it.
     */
    public Optional<String> partyOf(Identifier identifier) {
        ensureLoaded();
        String given = partyByKey.get(identifier.key());
        return given != null ? Optional.of(given) : imported(identifier);
    }

    private Optional<String> imported(Identifier identifier) {
        return ImportedIdentifiers.partyId(identifier)
                .filter(id -> graph.party(id).isPresent());
    }

    /**
     * The identifiers of a party, by scheme then id, the one its imported id is read as among them; empty when
     * it has none.
     */
    public List<Identifier> of(String partyId) {
        ensureLoaded();
        List<Identifier> given = byParty.getOrDefault(partyId, List.of());
        Optional<Identifier> imported = ImportedIdentifiers.of(partyId);
        if (imported.isEmpty() || given.contains(imported.get())) {
            return given;
        }
        List<Identifier> all = new ArrayList<>(given);
        all.add(imported.get());
        all.sort(ORDER);
        return List.copyOf(all);
    }

    /**
     * The party an import keys by {@code identifier} ({@code lei:X} is party {@code X}, {@code gb-coh:N} is
     * {@code gb-coh:N}), for its scheme's register; empty for other schemes. Such an identifier is that
     * party's own, whether or not the registry holds it now.
     */
    public static Optional<String> registerKeyParty(Identifier identifier) {
        return ImportedIdentifiers.partyId(identifier);
    }

    /** True when the party carries an identifier of {@code scheme}. */
    public boolean carriesScheme(String partyId, String scheme) {
        return of(partyId).stream().anyMatch(i -> i.scheme().equals(scheme));
    }

    /**
     * Stores a party with exactly these identifiers (replacing the ones it had). Refused, with nothing
     * changed, when an identifier is given twice or already belongs to another party.
     */
    public Upsert<PartyInfo> putParty(PartyInfo party, List<Identifier> identifiers) {
        return putParty(party, null, identifiers);
    }

    /** As {@link #putParty(PartyInfo, List)}, declaring the party a reseller or not ({@code null}: as it was). */
    public Upsert<PartyInfo> putParty(PartyInfo party, Boolean reseller, List<Identifier> identifiers) {
        List<Identifier> wanted = distinct(identifiers);
        synchronized (writes) {
            ensureLoaded();
            for (Identifier identifier : wanted) {
                // One party per identifier: an imported party's register key is its own.
                Optional<String> holder = imported(identifier).filter(id -> !id.equals(party.id()));
                if (holder.isPresent()) {
                    throw new RegistryRejection(
                            ErrorCode.IDENTIFIER_TAKEN,
                            "identifier `" + identifier + "` already belongs to party `" + holder.get() + "`");
                }
            }
            Upsert<PartyInfo> stored = registry.putParty(party, reseller, () -> store(party.id(), wanted));
            index(party.id(), wanted);
            return stored;
        }
    }

    /** Loads the index again from the database: for a writer that stored identifiers without this service. */
    public void reload() {
        stale = true;
        ensureLoaded();
    }

    @Override
    public void changed(Kind kind, List<String> roots) {
        if (kind == Kind.RELOAD) {
            stale = true;
            return;
        }
        if (kind == Kind.PARTY) {
            for (String id : roots) {
                if (graph.party(id).isEmpty()) {
                    unindex(id);
                }
            }
        }
    }

    private static List<Identifier> distinct(List<Identifier> identifiers) {
        Set<Identifier> seen = new LinkedHashSet<>();
        for (Identifier identifier : identifiers) {
            if (!seen.add(identifier)) {
                throw new RegistryRejection(
                        ErrorCode.INVALID_IDENTIFIER, "identifier `" + identifier + "` is given twice");
            }
        }
        List<Identifier> sorted = new ArrayList<>(seen);
        sorted.sort(ORDER);
        return List.copyOf(sorted);
    }

    // Inside the party's transaction. Only the difference is written: Hibernate flushes inserts before
    // deletes, so deleting and inserting the same key in one flush would break the primary key.
    private static void store(String partyId, List<Identifier> wanted) {
        Set<Identifier> kept = new HashSet<>();
        for (Identifier identifier : wanted) {
            IdentifierEntity held =
                    IdentifierEntity.findById(new IdentifierEntity.Key(identifier.scheme(), identifier.id()));
            if (held != null && !held.partyId.equals(partyId)) {
                throw new RegistryRejection(
                        ErrorCode.IDENTIFIER_TAKEN,
                        "identifier `" + identifier + "` already belongs to party `" + held.partyId + "`");
            }
            if (held != null) {
                kept.add(identifier);
            }
        }
        for (IdentifierEntity old : IdentifierEntity.<IdentifierEntity>list("partyId", partyId)) {
            if (!wanted.contains(old.toIdentifier())) {
                old.delete();
            }
        }
        for (Identifier identifier : wanted) {
            if (!kept.contains(identifier)) {
                IdentifierEntity row = new IdentifierEntity();
                row.scheme = identifier.scheme();
                row.value = identifier.id();
                row.partyId = partyId;
                row.persist();
            }
        }
    }

    private void index(String partyId, List<Identifier> identifiers) {
        unindex(partyId);
        if (!identifiers.isEmpty()) {
            byParty.put(partyId, identifiers);
            identifiers.forEach(i -> partyByKey.put(i.key(), partyId));
        }
    }

    private void unindex(String partyId) {
        List<Identifier> old = byParty.remove(partyId);
        if (old != null) {
            old.forEach(i -> partyByKey.remove(i.key(), partyId));
        }
    }

    private void ensureLoaded() {
        if (!stale) {
            return;
        }
        synchronized (writes) {
            if (!stale) {
                return;
            }
            stale = false; // before reading: a reload announced while reading marks it stale again
            Map<String, List<Identifier>> loaded = new ConcurrentHashMap<>();
            QuarkusTransaction.requiringNew()
                    .run(() -> IdentifierEntity.<IdentifierEntity>streamAll()
                            .forEach(row -> loaded.computeIfAbsent(row.partyId, p -> new ArrayList<>())
                                    .add(row.toIdentifier())));
            partyByKey.clear();
            byParty.clear();
            loaded.forEach((party, identifiers) -> {
                identifiers.sort(ORDER);
                index(party, List.copyOf(identifiers));
            });
        }
    }
}
