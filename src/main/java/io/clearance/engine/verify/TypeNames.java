package io.clearance.engine.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the simple type names of one rule file as the compiler would: its single-type imports, then
 * {@code java.lang}, then its on-demand imports. Resolution says what a name means; {@link Allowlist}
 * says whether rules may use it.
 */
final class TypeNames {

    private final Map<String, String> single = new HashMap<>();
    private final List<String> onDemand = new ArrayList<>();

    void importType(String qualifiedName) {
        single.put(qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1), qualifiedName);
    }

    void importPackage(String packageName) {
        onDemand.add(packageName);
    }

    /** The class a simple or qualified name denotes, allowed or not; null when it denotes none. */
    Class<?> resolve(String name) {
        if (name.contains(".")) {
            Class<?> qualified = Allowlist.load(name);
            if (qualified != null) {
                return qualified;
            }
            // A nested type through its outer one: Verdict.Effect.
            int dot = name.indexOf('.');
            Class<?> outer = resolve(name.substring(0, dot));
            return outer == null
                    ? null
                    : Allowlist.load(outer.getName() + name.substring(dot).replace('.', '$'));
        }
        String imported = single.get(name);
        if (imported != null) {
            return Allowlist.load(imported);
        }
        Class<?> lang = Allowlist.load("java.lang." + name);
        if (lang != null) {
            return lang;
        }
        for (String pkg : onDemand) {
            Class<?> found = Allowlist.load(pkg + "." + name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
