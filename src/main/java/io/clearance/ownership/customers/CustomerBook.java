package io.clearance.ownership.customers;

import io.clearance.domain.CustomerLink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which parties are declared resellers and whom they serve, in memory: what decisions read. The registry
 * writes here only after its commit (inside the graph's write lock, through {@code
 * OwnershipGraph.changeCustomers}), so a decision never sees a relationship that was not stored; the maps
 * are concurrent so that reads outside the graph's lock (listings, reports) never see a torn map.
 */
public final class CustomerBook {

    private final Set<String> resellers = ConcurrentHashMap.newKeySet();
    // invariant: a link is in both maps, under its reseller and under its customer, or in neither.
    private final Map<String, Map<String, CustomerLink>> byReseller = new ConcurrentHashMap<>();
    private final Map<String, Map<String, CustomerLink>> byCustomer = new ConcurrentHashMap<>();
    // The parties the last replaceAll changed, until a reload takes them (under the graph's write lock).
    private volatile List<String> replaced = List.of();

    public boolean isReseller(String partyId) {
        return resellers.contains(partyId);
    }

    /** Every declared reseller, by id. */
    public List<String> resellers() {
        return resellers.stream().sorted().toList();
    }

    public void setReseller(String partyId, boolean reseller) {
        if (reseller) {
            resellers.add(partyId);
        } else {
            resellers.remove(partyId);
        }
    }

    /** Sets the relationship between the link's reseller and customer, replacing the one they had. */
    public void put(CustomerLink link) {
        byReseller
                .computeIfAbsent(link.resellerId(), k -> new ConcurrentHashMap<>())
                .put(link.customerId(), link);
        byCustomer
                .computeIfAbsent(link.customerId(), k -> new ConcurrentHashMap<>())
                .put(link.resellerId(), link);
    }

    public void remove(String resellerId, String customerId) {
        Optional.ofNullable(byReseller.get(resellerId)).ifPresent(m -> m.remove(customerId));
        Optional.ofNullable(byCustomer.get(customerId)).ifPresent(m -> m.remove(resellerId));
    }

    /** Forgets a deleted party: its flag and every relationship it is on either side of. */
    public void removeParty(String partyId) {
        resellers.remove(partyId);
        for (CustomerLink link : List.copyOf(linksOf(partyId))) {
            remove(link.resellerId(), link.customerId());
        }
        for (CustomerLink link : List.copyOf(
                Optional.ofNullable(byCustomer.get(partyId)).map(Map::values).orElse(List.of()))) {
            remove(link.resellerId(), link.customerId());
        }
    }

    /**
     * Replaces everything: the registry as loaded at start or at a reload. Remembers which parties' flags or
     * relationships differ from before ({@link #takeReplaced()}), so a reload can say whom it changed.
     */
    public void replaceAll(Collection<String> resellerIds, Collection<CustomerLink> links) {
        Set<String> changed = new HashSet<>(resellers);
        Set<String> reselling = new HashSet<>(resellerIds);
        changed.removeIf(reselling::contains);
        for (String id : reselling) {
            if (!resellers.contains(id)) {
                changed.add(id);
            }
        }
        Set<CustomerLink> formerLinks = new HashSet<>();
        byReseller.values().forEach(m -> formerLinks.addAll(m.values()));
        Set<CustomerLink> newLinks = new HashSet<>(links);
        for (CustomerLink link : formerLinks) {
            if (!newLinks.contains(link)) {
                changed.add(link.resellerId());
                changed.add(link.customerId());
            }
        }
        for (CustomerLink link : newLinks) {
            if (!formerLinks.contains(link)) {
                changed.add(link.resellerId());
                changed.add(link.customerId());
            }
        }
        replaced = List.copyOf(changed);
        resellers.clear();
        byReseller.clear();
        byCustomer.clear();
        resellers.addAll(resellerIds);
        links.forEach(this::put);
    }

    /** The parties the last {@link #replaceAll} changed (flag or relationship), once; empty after. */
    public List<String> takeReplaced() {
        List<String> taken = replaced;
        replaced = List.of();
        return taken;
    }

    /** Every relationship of a reseller, in force or not, by customer id. */
    public List<CustomerLink> linksOf(String resellerId) {
        return Optional.ofNullable(byReseller.get(resellerId)).map(Map::values).stream()
                .flatMap(Collection::stream)
                .sorted(Comparator.comparing(CustomerLink::customerId))
                .toList();
    }

    /** The reseller's customers in force at {@code at}, by customer id. */
    public List<CustomerLink> customersAt(String resellerId, Instant at) {
        return linksOf(resellerId).stream().filter(l -> l.inForceAt(at)).toList();
    }

    /** How {@code resellerId} reaches {@code customerId} through relationships in force at {@code at}. */
    public CustomerChain chain(String resellerId, String customerId, Instant at) {
        // Breadth first from the reseller: the first time the customer is met, the path is a shortest one.
        Map<String, CustomerLink> reachedBy = new HashMap<>();
        Set<String> forward = new HashSet<>(Set.of(resellerId));
        ArrayDeque<String> pending = new ArrayDeque<>(List.of(resellerId));
        while (!pending.isEmpty()) {
            String party = pending.poll();
            for (CustomerLink link : inForce(byReseller.get(party), at)) {
                if (forward.add(link.customerId())) {
                    reachedBy.put(link.customerId(), link);
                    pending.add(link.customerId());
                }
            }
        }
        if (!forward.contains(customerId) || resellerId.equals(customerId)) {
            return new CustomerChain(resellerId, customerId, at, List.of(), List.of());
        }
        List<CustomerLink> path = new ArrayList<>();
        for (String party = customerId; !party.equals(resellerId); ) {
            CustomerLink link = reachedBy.get(party);
            path.add(0, link);
            party = link.resellerId();
        }
        // Every party on some chain: reached from the reseller and reaching the customer.
        Set<String> backward = new HashSet<>(Set.of(customerId));
        pending.add(customerId);
        while (!pending.isEmpty()) {
            String party = pending.poll();
            for (CustomerLink link : inForce(byCustomer.get(party), at)) {
                if (backward.add(link.resellerId())) {
                    pending.add(link.resellerId());
                }
            }
        }
        Set<String> between = new LinkedHashSet<>();
        path.forEach(link -> between.add(link.customerId()));
        forward.stream().filter(backward::contains).sorted().forEach(between::add);
        between.remove(resellerId);
        between.remove(customerId);
        return new CustomerChain(resellerId, customerId, at, path, List.copyOf(between));
    }

    private static List<CustomerLink> inForce(Map<String, CustomerLink> links, Instant at) {
        if (links == null) {
            return List.of();
        }
        // Sorted, so that the shortest path found is the same on every run.
        return links.values().stream()
                .filter(l -> l.inForceAt(at))
                .sorted(Comparator.comparing(CustomerLink::customerId).thenComparing(CustomerLink::resellerId))
                .toList();
    }
}
