/**
 * The ownership side behind one port: {@link io.clearance.ownership.FindingService} computes the
 * {@link io.clearance.ownership.Finding}s a rule set's {@link io.clearance.ownership.Measure}s declare for the
 * parties of a request, choosing bounds, kept indexes and counterfactuals inside. It knows nothing of Drools
 * or of the registry's storage. Inside: {@code graph} (storage and lock), {@code index} (restriction by
 * extension, kept per criteria), {@code lookthrough} (the exact solver and chain search), {@code evidence}
 * (what findings carry and how they read).
 */
package io.clearance.ownership;
