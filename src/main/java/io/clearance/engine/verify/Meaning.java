package io.clearance.engine.verify;

import java.util.Set;

/** What an expression denotes: values of one of some types, a type (for static access), or a package. */
record Meaning(Set<Class<?>> types, Class<?> type, String packagePrefix) {
    static Meaning value(Class<?>... types) {
        return new Meaning(Set.of(types), null, null);
    }

    static Meaning values(Set<Class<?>> types) {
        return new Meaning(Set.copyOf(types), null, null);
    }
}
