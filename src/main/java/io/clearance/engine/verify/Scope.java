package io.clearance.engine.verify;

import java.util.HashMap;
import java.util.Map;

/** The names visible where an expression sits. */
final class Scope {
    final Map<String, Class<?>> variables;
    final Class<?> pattern;
    final boolean consequence;

    private Scope(Map<String, Class<?>> variables, Class<?> pattern, boolean consequence) {
        this.variables = variables;
        this.pattern = pattern;
        this.consequence = consequence;
    }

    /** A consequence: the rule's bindings, and the locals it declares. */
    static Scope consequence(Map<String, Class<?>> bindings) {
        return new Scope(new HashMap<>(bindings), null, true);
    }

    /** A constraint of a pattern on {@code pattern}, or an expression with no pattern (eval, from). */
    static Scope condition(Map<String, Class<?>> bindings, Class<?> pattern) {
        return new Scope(new HashMap<>(bindings), pattern, false);
    }
}
