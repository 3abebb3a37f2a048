package io.clearance.engine.verify;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The types a rule writes or reaches, checked against the {@link Allowlist}: a written type resolves
 * through the file's imports to an allowed class, with its type arguments; a value reached (a property, a
 * field, a method's result) must be of an allowed type.
 */
final class WrittenTypes {

    private final TypeNames names;
    private final BiConsumer<Node, String> refuse;

    WrittenTypes(TypeNames names, BiConsumer<Node, String> refuse) {
        this.names = names;
        this.refuse = refuse;
    }

    /** The class a written type denotes, with its type arguments checked; null when refused. */
    Class<?> type(Type type) {
        if (type instanceof PrimitiveType primitive) {
            return switch (primitive.getType()) {
                case BOOLEAN -> boolean.class;
                case CHAR -> char.class;
                case BYTE -> byte.class;
                case SHORT -> short.class;
                case INT -> int.class;
                case LONG -> long.class;
                case FLOAT -> float.class;
                case DOUBLE -> double.class;
            };
        }
        if (type instanceof ClassOrInterfaceType named) {
            if (named.getTypeArguments().isPresent()) {
                for (Type argument : named.getTypeArguments().get()) {
                    if (type(argument) == null) {
                        return null;
                    }
                }
            }
            String name = named.getNameWithScope();
            Class<?> resolved = names.resolve(name);
            if (resolved == null) {
                refuse.accept(type, "unknown type `" + name + "`");
                return null;
            }
            Meaning allowed = allowed(type, resolved);
            return allowed == null ? null : resolved;
        }
        refuse.accept(type, Constructs.describe(type) + " are not allowed in rules");
        return null;
    }

    Meaning allowed(Node node, Class<?> type) {
        if (!Allowlist.allows(type)) {
            refuse.accept(node, "type `" + type.getName() + "` is not allowed in rules");
            return null;
        }
        return new Meaning(Set.of(), type, null);
    }

    /** Values of {@code types}, each of which rules may use; null (refused) otherwise. */
    Meaning checked(Node node, Set<Class<?>> types, String what) {
        for (Class<?> type : types) {
            if (type != void.class && !Allowlist.allows(type)) {
                refuse.accept(node, what + " gives a `" + type.getName() + "`, which is not a type rules may use");
                return null;
            }
        }
        return Meaning.values(types);
    }
}
