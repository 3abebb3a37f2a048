/**
 * Assembly at the top: the start-up steps, in the order a serving instance needs them. Like {@code api}
 * and {@code cli}, nothing below depends on it.
 */
package io.clearance.startup;
