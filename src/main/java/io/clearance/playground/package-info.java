/**
 * The author's playground: a candidate rule file and a scenario run together, against the scenario's own
 * parties or the live registry, showing decisions, fired rules and evidence; nothing is activated.
 */
package io.clearance.playground;
