/**
 * The rule verifier: rule files are data that cannot act. Every rule set is parsed (Drools' DRL parser for
 * the structure, JavaParser for consequences and expressions) and checked against an allowlist of types,
 * calls and statements before anything compiles or runs; what is not on the list is refused with its
 * position, like any compile error.
 */
package io.clearance.engine.verify;
