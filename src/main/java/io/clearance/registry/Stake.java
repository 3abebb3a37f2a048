package io.clearance.registry;

import java.math.BigDecimal;

/** A direct stake as the API shows it: {@code ownerId} holds {@code percent} of {@code ownedId}. */
public record Stake(String ownedId, String ownerId, String ownerName, BigDecimal percent) {}
