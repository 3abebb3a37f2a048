package io.clearance.ownership.graph;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Party id → dense graph index, as an open-addressing hash table of plain ints (linear probing). It keeps
 * no keys of its own: a slot holds an index, and the id at that index is read back from the graph's party
 * array through {@code idAt}. At millions of parties this costs about 8 bytes a party where a
 * {@code HashMap<String, Integer>} costs about 56 (entry, boxed index, table slot).
 *
 * <p>Not thread-safe: the graph calls it under its lock.
 */
final class IdIndex {

    private static final int EMPTY = -1;
    private static final int MIN_CAPACITY = 16;

    private final IntFunction<String> idAt;
    // invariant: slots[s] == EMPTY or an index whose id hashes to a probe sequence that passes s without a gap
    private int[] slots;
    private int size;

    /** @param idAt the id of the party at an index the table holds; must stay the same while it is held */
    IdIndex(IntFunction<String> idAt) {
        this.idAt = idAt;
        this.slots = emptySlots(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    /** The index of {@code id}, or -1. */
    int get(String id) {
        int mask = slots.length - 1;
        for (int slot = spread(id.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int index = slots[slot];
            if (index == EMPTY) {
                return -1;
            }
            if (idAt.apply(index).equals(id)) {
                return index;
            }
        }
    }

    /** Adds an id that is not present yet; {@code idAt.apply(index)} must already return it. */
    void add(String id, int index) {
        if ((size + 1) * 4L > slots.length * 3L) { // keep the load factor at most 3/4
            rehash(slots.length * 2);
        }
        insert(slots, id, index);
        size++;
    }

    /** Removes {@code id}; {@code idAt} must still return it for its index during the call. Returns its index or -1. */
    int remove(String id) {
        int mask = slots.length - 1;
        int slot = spread(id.hashCode()) & mask;
        while (true) {
            int index = slots[slot];
            if (index == EMPTY) {
                return -1;
            }
            if (idAt.apply(index).equals(id)) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        int removed = slots[slot];
        // Backward-shift deletion: move later entries of the run into the gap when their home allows it,
        // so lookups never need tombstones.
        int gap = slot;
        for (int next = (gap + 1) & mask; slots[next] != EMPTY; next = (next + 1) & mask) {
            int home = spread(idAt.apply(slots[next]).hashCode()) & mask;
            // The entry at next may fill the gap unless its home lies cyclically in (gap, next].
            boolean homeBetween = gap <= next ? (home > gap && home <= next) : (home > gap || home <= next);
            if (!homeBetween) {
                slots[gap] = slots[next];
                gap = next;
            }
        }
        slots[gap] = EMPTY;
        size--;
        return removed;
    }

    /** Every index held, in table order; for listing ids. */
    void forEach(IntConsumer action) {
        for (int index : slots) {
            if (index != EMPTY) {
                action.accept(index);
            }
        }
    }

    private void rehash(int capacity) {
        int[] grown = emptySlots(capacity);
        for (int index : slots) {
            if (index != EMPTY) {
                insert(grown, idAt.apply(index), index);
            }
        }
        slots = grown;
    }

    private static void insert(int[] table, String id, int index) {
        int mask = table.length - 1;
        int slot = spread(id.hashCode()) & mask;
        while (table[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        table[slot] = index;
    }

    private static int[] emptySlots(int capacity) {
        int[] table = new int[capacity];
        Arrays.fill(table, EMPTY);
        return table;
    }

    /** Ids like p1, p2, … have clustered hash codes; mixing the bits keeps probe runs short. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
