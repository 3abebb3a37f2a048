package io.clearance.engine.verify;

import com.github.javaparser.ast.Node;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The members of a class a rule may reach, found by reflection and filtered by the {@link Allowlist}: the
 * methods a call may mean and the properties Drools reads. What {@link JavaCheck} follows link by link.
 */
final class Members {

    private Members() {}

    /** The return types of the methods a call may mean; null (refused) when one of them is not allowed. */
    static Set<Class<?>> methods(
            BiConsumer<Node, String> refuse, Node call, Class<?> owner, String name, int arity, boolean statics) {
        Set<Class<?>> returned = new LinkedHashSet<>();
        boolean found = false;
        for (Method method : owner.isInterface() ? withObject(owner) : List.of(owner.getMethods())) {
            if (!method.getName().equals(name)
                    || (method.isVarArgs()
                            ? arity < method.getParameterCount() - 1
                            : arity != method.getParameterCount())
                    || (statics && !Modifier.isStatic(method.getModifiers()))) {
                continue;
            }
            found = true;
            if (!Allowlist.allows(method)) {
                refuse.accept(call, "method `" + name + "` of `" + owner.getSimpleName() + "` is not allowed in rules");
                return null;
            }
            returned.add(method.getReturnType());
        }
        if (!found) {
            refuse.accept(
                    call,
                    "`" + owner.getSimpleName() + "` has no " + (statics ? "static " : "") + "method `" + name
                            + "` taking " + arity + " argument(s)");
            return null;
        }
        return returned;
    }

    private static List<Method> withObject(Class<?> type) {
        List<Method> methods = new ArrayList<>(List.of(type.getMethods()));
        methods.addAll(List.of(Object.class.getMethods()));
        return methods;
    }

    /** The types a property may have, as Drools reads it: a getter, an {@code is} getter, an accessor, a field. */
    static Set<Class<?>> property(Class<?> owner, String name) {
        if (name.isEmpty()) {
            return Set.of();
        }
        String capital = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Method method : owner.getMethods()) {
            if (method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())
                    && Allowlist.allows(method)
                    && (method.getName().equals("get" + capital)
                            || method.getName().equals("is" + capital)
                            || method.getName().equals(name))) {
                types.add(method.getReturnType());
            }
        }
        if (types.isEmpty()) {
            try {
                Field field = owner.getField(name);
                if (!Modifier.isStatic(field.getModifiers())) {
                    types.add(field.getType());
                }
            } catch (NoSuchFieldException e) {
                // no such property
            }
        }
        return types;
    }
}
