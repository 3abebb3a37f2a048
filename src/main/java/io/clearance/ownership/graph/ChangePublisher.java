package io.clearance.ownership.graph;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells what changed in an {@link OwnershipGraph}, inside its write lock: first the {@link GraphUpkeep}s,
 * which bring derived state to the new version, then the {@link GraphChangeListener}s, which may rely on
 * that state being current (the decision memo drops what the change made stale). Registration may happen
 * at any time; a change sees the registrations made before it took the lock.
 */
final class ChangePublisher {

    private final List<GraphUpkeep> upkeeps = new CopyOnWriteArrayList<>();
    private final List<GraphChangeListener> listeners = new CopyOnWriteArrayList<>();

    void addUpkeep(GraphUpkeep upkeep) {
        upkeeps.add(upkeep);
    }

    void addListener(GraphChangeListener listener) {
        listeners.add(listener);
    }

    void removeListener(GraphChangeListener listener) {
        listeners.remove(listener);
    }

    void beforeStakesInto(int owned) {
        for (GraphUpkeep upkeep : upkeeps) {
            upkeep.beforeStakesInto(owned);
        }
    }

    void stakesChanged(int owned, StakeTerms written, String ownedId) {
        for (GraphUpkeep upkeep : upkeeps) {
            upkeep.afterStakesInto(owned, written);
        }
        changed(GraphChangeListener.Kind.STAKE, List.of(ownedId));
    }

    void partyPut(int index, PartyInfo before, PartyInfo after) {
        for (GraphUpkeep upkeep : upkeeps) {
            upkeep.partyPut(index, before, after);
        }
        changed(GraphChangeListener.Kind.PARTY, List.of(after.id()));
    }

    void partyRemoved(int index, int[] formerHoldings, List<String> roots) {
        for (GraphUpkeep upkeep : upkeeps) {
            upkeep.partyRemoved(index, formerHoldings);
        }
        changed(GraphChangeListener.Kind.PARTY, roots);
    }

    /** A reseller's customers changed: a change of those parties to listeners; no kept index reads customers. */
    void customersChanged(List<String> parties) {
        changed(GraphChangeListener.Kind.PARTY, parties);
    }

    /** What each upkeep computes ahead of a reload, outside the lock; see {@link GraphUpkeep#prepareReload}. */
    Map<GraphUpkeep, Runnable> prepareReload(OwnershipGraph staged) {
        Map<GraphUpkeep, Runnable> prepared = new IdentityHashMap<>();
        for (GraphUpkeep upkeep : upkeeps) {
            prepared.put(upkeep, upkeep.prepareReload(staged));
        }
        return prepared;
    }

    /** A reload with what was computed ahead; an upkeep registered since computes under the lock. */
    void reloaded(Map<GraphUpkeep, Runnable> prepared, ReloadChanges changes) {
        for (GraphUpkeep upkeep : upkeeps) {
            Runnable install = prepared.get(upkeep);
            if (install == null) {
                upkeep.reloaded();
            } else {
                install.run();
            }
        }
        for (GraphChangeListener listener : listeners) {
            listener.reloaded(changes);
        }
    }

    private void changed(GraphChangeListener.Kind kind, List<String> roots) {
        for (GraphChangeListener listener : listeners) {
            listener.changed(kind, roots);
        }
    }
}
