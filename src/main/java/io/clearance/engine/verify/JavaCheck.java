package io.clearance.engine.verify;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Checks a consequence or an expression, as JavaParser read it, against the {@link Allowlist}: every name
 * must be a bound variable, a local, a property of the matched fact or an allowed type; every call must be
 * a public method of an allowed type that returns an allowed type; only expressions, local variables and
 * {@code if} are accepted as statements. The types are inferred by reflection over the allowed classes, so
 * a chain of calls is followed link by link. What cannot be typed is refused: the check fails closed.
 *
 * <p>Why this file is one piece: it is one recursive walk, one case per kind of expression or statement
 * JavaParser knows, and each case types its parts by calling back into the walk; split by kind, the cases
 * would call each other across files and a reader could no longer check in one place that every kind not
 * listed is refused. What needs no part of the walk already lives beside it: {@link Scope}, {@link Meaning},
 * {@link Members}, {@link WrittenTypes}, {@link Constructs}.
 */
final class JavaCheck {

    private static final Meaning BOOLEAN = Meaning.value(boolean.class);
    private static final Meaning STRING = Meaning.value(String.class);

    private final TypeNames names;
    private final BiConsumer<Node, String> refuse;
    private final WrittenTypes written;

    /** @param refuse told each refused node and why */
    JavaCheck(TypeNames names, BiConsumer<Node, String> refuse) {
        this.names = names;
        this.refuse = refuse;
        this.written = new WrittenTypes(names, refuse);
    }

    void statement(Statement statement, Scope scope) {
        if (statement instanceof BlockStmt block) {
            block.getStatements().forEach(s -> statement(s, scope));
        } else if (statement instanceof ExpressionStmt expression) {
            value(expression.getExpression(), scope);
        } else if (statement instanceof IfStmt branch) {
            expression(branch.getCondition(), scope);
            statement(branch.getThenStmt(), scope);
            branch.getElseStmt().ifPresent(s -> statement(s, scope));
        } else if (!(statement instanceof EmptyStmt)) {
            refuse.accept(statement, Constructs.describe(statement) + " are not allowed in rules");
        }
    }

    /** Checks an expression that must denote a value; false when something in it was refused. */
    boolean check(Expression expression, Scope scope) {
        return value(expression, scope) != null;
    }

    /** The types an expression checked by {@link #check} may have; empty when it was refused. */
    Set<Class<?>> typesOf(Expression expression, Scope scope) {
        Meaning meaning = value(expression, scope);
        return meaning == null ? Set.of() : meaning.types();
    }

    /** Checks an expression; its meaning, or null when something in it was refused. */
    private Meaning expression(Expression expression, Scope scope) {
        if (expression instanceof StringLiteralExpr || expression instanceof TextBlockLiteralExpr) {
            return STRING;
        } else if (expression instanceof IntegerLiteralExpr) {
            return Meaning.value(int.class);
        } else if (expression instanceof LongLiteralExpr) {
            return Meaning.value(long.class);
        } else if (expression instanceof DoubleLiteralExpr) {
            return Meaning.value(double.class);
        } else if (expression instanceof CharLiteralExpr) {
            return Meaning.value(char.class);
        } else if (expression instanceof BooleanLiteralExpr) {
            return BOOLEAN;
        } else if (expression instanceof NullLiteralExpr) {
            return Meaning.value(Object.class);
        } else if (expression instanceof EnclosedExpr enclosed) {
            return expression(enclosed.getInner(), scope);
        } else if (expression instanceof ThisExpr self && self.getTypeName().isEmpty() && scope.pattern != null) {
            return Meaning.value(scope.pattern); // the matched fact, in a constraint
        } else if (expression instanceof NameExpr name) {
            return name(name, scope);
        } else if (expression instanceof FieldAccessExpr access) {
            return fieldAccess(access, scope);
        } else if (expression instanceof MethodCallExpr call) {
            return call(call, scope);
        } else if (expression instanceof ObjectCreationExpr creation) {
            return creation(creation, scope);
        } else if (expression instanceof BinaryExpr binary) {
            return binary(binary, scope);
        } else if (expression instanceof UnaryExpr unary) {
            return unary(unary, scope);
        } else if (expression instanceof ConditionalExpr conditional) {
            Meaning condition = expression(conditional.getCondition(), scope);
            Meaning then = value(conditional.getThenExpr(), scope);
            Meaning otherwise = value(conditional.getElseExpr(), scope);
            if (condition == null || then == null || otherwise == null) {
                return null;
            }
            Set<Class<?>> types = new LinkedHashSet<>(then.types());
            types.addAll(otherwise.types());
            return Meaning.values(types);
        } else if (expression instanceof CastExpr cast) {
            Class<?> type = written.type(cast.getType());
            return value(cast.getExpression(), scope) == null || type == null ? null : Meaning.value(type);
        } else if (expression instanceof InstanceOfExpr test) {
            if (test.getPattern().isPresent()) {
                refuse.accept(test, "pattern matching with `instanceof` is not allowed in rules");
                return null;
            }
            return value(test.getExpression(), scope) == null || written.type(test.getType()) == null ? null : BOOLEAN;
        } else if (expression instanceof AssignExpr assign) {
            return assign(assign, scope);
        } else if (expression instanceof VariableDeclarationExpr declaration) {
            return declaration(declaration, scope);
        }
        refuse.accept(expression, Constructs.describe(expression) + " are not allowed in rules");
        return null;
    }

    /** Like {@link #expression}, but the expression must denote a value, not a type or a package. */
    private Meaning value(Expression expression, Scope scope) {
        Meaning meaning = expression(expression, scope);
        if (meaning == null) {
            return null;
        }
        if (meaning.packagePrefix() != null) {
            refuse.accept(expression, unknown(meaning.packagePrefix(), scope));
            return null;
        }
        if (meaning.type() != null) {
            refuse.accept(expression, "`" + expression + "` is a type, not a value");
            return null;
        }
        return meaning;
    }

    /** Why a name that resolves to nothing is refused. */
    private static String unknown(String name, Scope scope) {
        if (name.equals("drools") || name.equals("kcontext")) {
            return "`" + name + "` (the engine's rule context) is not allowed in rules";
        }
        if (name.contains(".")) {
            return "`" + name + "` is not a name rules may use";
        }
        return "unknown name `" + name + "`"
                + (scope.pattern == null
                        ? ""
                        : ": neither a property of `" + scope.pattern.getSimpleName() + "` nor a bound variable");
    }

    private Meaning name(NameExpr expression, Scope scope) {
        String name = expression.getNameAsString();
        Class<?> variable = scope.variables.get(name);
        if (variable != null) {
            return Meaning.value(variable);
        }
        if (scope.pattern != null) {
            Set<Class<?>> property = Members.property(scope.pattern, name);
            if (!property.isEmpty()) {
                return written.checked(expression, property, "property `" + name + "`");
            }
        }
        Class<?> type = names.resolve(name);
        if (type != null) {
            return written.allowed(expression, type);
        }
        if (Character.isLowerCase(name.charAt(0)) && !name.startsWith("$")) {
            // Perhaps the first part of a qualified name; refused when used as anything else.
            return new Meaning(Set.of(), null, name);
        }
        refuse.accept(expression, unknown(name, scope));
        return null;
    }

    private Meaning fieldAccess(FieldAccessExpr access, Scope scope) {
        Meaning target = expression(access.getScope(), scope);
        if (target == null) {
            return null;
        }
        String name = access.getNameAsString();
        if (target.packagePrefix() != null) {
            String qualified = target.packagePrefix() + "." + name;
            Class<?> type = Allowlist.load(qualified);
            if (type != null) {
                return written.allowed(access, type);
            }
            return new Meaning(Set.of(), null, qualified);
        }
        if (target.type() != null) {
            Class<?> nested = Allowlist.load(target.type().getName() + "$" + name);
            if (nested != null) {
                return written.allowed(access, nested);
            }
            try {
                Field field = target.type().getField(name);
                if (Modifier.isStatic(field.getModifiers())) {
                    return written.checked(access, Set.of(field.getType()), "field `" + name + "`");
                }
            } catch (NoSuchFieldException e) {
                // refused below
            }
            refuse.accept(
                    access,
                    "`" + name + "` is not a constant of `" + target.type().getSimpleName() + "`");
            return null;
        }
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> owner : target.types()) {
            Set<Class<?>> property = Members.property(owner, name);
            if (property.isEmpty()) {
                refuse.accept(access, "`" + owner.getSimpleName() + "` has no property `" + name + "`");
                return null;
            }
            types.addAll(property);
        }
        return written.checked(access, types, "property `" + name + "`");
    }

    private Meaning call(MethodCallExpr call, Scope scope) {
        if (call.getTypeArguments().isPresent()) {
            refuse.accept(call, "explicit type arguments are not allowed in rules");
            return null;
        }
        // The target first, then every argument, so that each refusal in the call is reported.
        Meaning target =
                call.getScope().isEmpty() ? null : expression(call.getScope().get(), scope);
        List<Meaning> arguments = new ArrayList<>();
        for (Expression argument : call.getArguments()) {
            arguments.add(value(argument, scope));
        }
        if (arguments.contains(null)) {
            return null;
        }
        String name = call.getNameAsString();
        if (call.getScope().isEmpty()) {
            return unscopedCall(call, name, arguments, scope);
        }
        if (target == null) {
            return null;
        }
        if (target.packagePrefix() != null) {
            refuse.accept(call, unknown(target.packagePrefix(), scope));
            return null;
        }
        boolean statics = target.type() != null;
        Set<Class<?>> owners = statics ? Set.of(target.type()) : target.types();
        Set<Class<?>> results = new LinkedHashSet<>();
        for (Class<?> owner : owners) {
            Set<Class<?>> returned = Members.methods(refuse, call.getName(), owner, name, arguments.size(), statics);
            if (returned == null) {
                return null;
            }
            results.addAll(returned);
        }
        return written.checked(call, results, "method `" + name + "`");
    }

    private Meaning unscopedCall(MethodCallExpr call, String name, List<Meaning> arguments, Scope scope) {
        if (scope.consequence) {
            if (!name.equals("insert")) {
                refuse.accept(call, "`" + name + "(...)` is not allowed in rules; a consequence may only `insert`");
                return null;
            }
            if (arguments.size() != 1) {
                refuse.accept(call, "`insert` takes one fact");
                return null;
            }
            for (Class<?> type : arguments.get(0).types()) {
                if (!Allowlist.insertable(type)) {
                    refuse.accept(
                            call,
                            "`insert` of `" + type.getSimpleName()
                                    + "` is not allowed in rules; rules insert verdicts and policy parameters");
                    return null;
                }
            }
            return Meaning.value(void.class);
        }
        if (name.equals("eval") && arguments.size() == 1) {
            return BOOLEAN; // an inline eval in a constraint; its argument was checked above
        }
        if (scope.pattern == null) {
            refuse.accept(call, "`" + name + "(...)` is not allowed in rules");
            return null;
        }
        Set<Class<?>> returned = Members.methods(refuse, call.getName(), scope.pattern, name, arguments.size(), false);
        return returned == null ? null : written.checked(call, returned, "method `" + name + "`");
    }

    private Meaning creation(ObjectCreationExpr creation, Scope scope) {
        if (creation.getAnonymousClassBody().isPresent()) {
            refuse.accept(creation, "anonymous classes are not allowed in rules");
            return null;
        }
        if (creation.getScope().isPresent()) {
            refuse.accept(creation, "inner class creation is not allowed in rules");
            return null;
        }
        Class<?> type = written.type(creation.getType());
        if (type == null) {
            return null;
        }
        for (Expression argument : creation.getArguments()) {
            if (value(argument, scope) == null) {
                return null;
            }
        }
        return Meaning.value(type);
    }

    private Meaning binary(BinaryExpr binary, Scope scope) {
        Meaning left = value(binary.getLeft(), scope);
        Meaning right = value(binary.getRight(), scope);
        if (left == null || right == null) {
            return null;
        }
        return switch (binary.getOperator()) {
            case PLUS -> left.types().contains(String.class) || right.types().contains(String.class) ? STRING : left;
            case MINUS, MULTIPLY, DIVIDE, REMAINDER, BINARY_AND, BINARY_OR, XOR -> left;
            case LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> left;
            default -> BOOLEAN;
        };
    }

    private Meaning unary(UnaryExpr unary, Scope scope) {
        boolean changes = switch (unary.getOperator()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
        if (changes && !local(unary.getExpression(), scope)) {
            refuse.accept(unary, "only local variables may be incremented or decremented in rules");
            return null;
        }
        return value(unary.getExpression(), scope);
    }

    private Meaning assign(AssignExpr assign, Scope scope) {
        if (!local(assign.getTarget(), scope)) {
            refuse.accept(assign, "only local variables may be assigned in rules");
            return null;
        }
        return value(assign.getValue(), scope);
    }

    /** A local variable of the consequence (bindings are not assignable: they are the matched facts). */
    private static boolean local(Expression target, Scope scope) {
        return scope.consequence
                && target instanceof NameExpr name
                && scope.variables.containsKey(name.getNameAsString())
                && !name.getNameAsString().startsWith("$");
    }

    private Meaning declaration(VariableDeclarationExpr declaration, Scope scope) {
        if (!scope.consequence) {
            refuse.accept(declaration, "variables are declared only in consequences");
            return null;
        }
        for (VariableDeclarator variable : declaration.getVariables()) {
            Meaning initial = null;
            if (variable.getInitializer().isPresent()) {
                initial = value(variable.getInitializer().get(), scope);
                if (initial == null) {
                    return null;
                }
            }
            Class<?> type;
            if (variable.getType().isVarType()) {
                if (initial == null || initial.types().size() != 1) {
                    refuse.accept(variable, "`var` needs an initialiser of one type in rules");
                    return null;
                }
                type = initial.types().iterator().next();
            } else {
                type = written.type(variable.getType());
                if (type == null) {
                    return null;
                }
            }
            scope.variables.put(variable.getNameAsString(), type);
        }
        return Meaning.value(void.class);
    }
}
