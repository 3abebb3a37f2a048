package io.clearance.engine.verify;

import com.github.javaparser.ast.Node;
import java.util.Locale;

/** The names of the Java constructs rules may not use, as the messages of refusals say them. */
final class Constructs {

    private Constructs() {}

    /** "loops", "lambdas", "class literals": what a refused kind of node is called in a message. */
    static String describe(Node node) {
        String kind = node.getClass().getSimpleName();
        return switch (kind) {
            case "ForStmt", "ForEachStmt", "WhileStmt", "DoStmt" -> "loops";
            case "LambdaExpr" -> "lambdas";
            case "MethodReferenceExpr" -> "method references";
            case "ClassExpr" -> "class literals";
            case "ThisExpr", "SuperExpr" -> "`this` and `super`";
            case "ArrayCreationExpr", "ArrayAccessExpr", "ArrayInitializerExpr", "ArrayType" -> "arrays";
            case "TryStmt", "ThrowStmt", "CatchClause" -> "exceptions (`try`, `throw`)";
            case "SynchronizedStmt" -> "`synchronized` blocks";
            case "LocalClassDeclarationStmt", "LocalRecordDeclarationStmt" -> "local classes";
            case "SwitchStmt", "SwitchExpr" -> "`switch`";
            case "ReturnStmt" -> "`return` statements";
            case "BreakStmt", "ContinueStmt", "LabeledStmt", "YieldStmt" -> "jumps (`break`, `continue`, labels)";
            default ->
                kind.replaceAll("(Stmt|Expr|Type)$", "")
                                .replaceAll("([a-z])([A-Z])", "$1 $2")
                                .toLowerCase(Locale.ROOT)
                        + " constructs";
        };
    }
}
