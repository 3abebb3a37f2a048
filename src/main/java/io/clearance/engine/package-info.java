/**
 * The Drools side of a decision: compiling rule files at run time into a {@link io.clearance.engine.RuleSet},
 * holding the one that serves, and running it over a request's facts while a listener records which rule
 * inserted each verdict.
 */
package io.clearance.engine;
