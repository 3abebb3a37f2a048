package io.clearance.engine.verify;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import io.clearance.engine.CompileError;
import io.clearance.engine.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Verifies rule files before anything compiles or runs them: rules are data that cannot act. A rule may
 * match facts of the fact model, compare and compute with a few pure Java types, and insert verdicts and
 * policy parameters; it may not declare functions or globals, import anything else, reach {@code System},
 * reflection, threads, files or the network, loop, or hide names behind unicode escapes. Each refused
 * construct is a {@link CompileError} at its file, line and column.
 *
 * <p>Safe to share: it keeps no state between calls.
 */
public final class RuleVerifier {

    private static final String CONSEQUENCE_OPEN = "{";

    /** Every refusal in every file; empty when the rule set may be compiled. */
    public List<CompileError> verify(List<RuleSource> sources) {
        List<CompileError> errors = new ArrayList<>();
        for (RuleSource source : sources) {
            errors.addAll(verify(source));
        }
        return errors;
    }

    private List<CompileError> verify(RuleSource file) {
        SourceText source = new SourceText(file.name(), file.content());
        List<CompileError> errors = new ArrayList<>(UnicodeEscapes.find(source));
        if (!errors.isEmpty()) {
            // What the parsers read is not what the Java compiler would: nothing more can be said of this file.
            return errors;
        }
        PackageDescr descr;
        try {
            descr = new DrlParser().parse(false, file.content());
        } catch (DroolsParserException | RuntimeException e) {
            errors.add(source.errorAt(0, "the rule file could not be read as DRL: " + e.getMessage()));
            return errors;
        }
        if (descr == null) {
            // Drools reads nothing it could run from this file; the compiler reports why, with its position.
            return errors;
        }
        TypeNames names = new TypeNames();
        checkPackage(descr, source, names, errors);
        JavaParser java =
                new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        for (RuleDescr rule : descr.getRules()) {
            new RuleCheck(source, names, java, errors).check(rule);
        }
        return errors;
    }

    private static void checkPackage(
            PackageDescr descr, SourceText source, TypeNames names, List<CompileError> errors) {
        for (ImportDescr imported : descr.getImports()) {
            String target = imported.getTarget();
            if (target.endsWith(".*")) {
                String pkg = target.substring(0, target.length() - 2);
                if (pkg.equals(Allowlist.FACTS_PACKAGE)) {
                    names.importPackage(pkg);
                    continue;
                }
                errors.add(at(
                        source,
                        imported,
                        "import `" + target + "` is not allowed in rules; only the fact model `"
                                + Allowlist.FACTS_PACKAGE + ".*` is imported whole"));
                continue;
            }
            Class<?> type = Allowlist.load(target);
            if (type != null) {
                // Known even when refused, so that each use of it is refused by name too.
                names.importType(target);
            }
            if (type == null || !Allowlist.allows(type)) {
                errors.add(at(source, imported, "import `" + target + "` is not allowed in rules"));
            }
        }
        for (FunctionImportDescr imported : descr.getFunctionImports()) {
            errors.add(at(source, imported, "static imports are not allowed in rules: `" + imported.getTarget() + "`"));
        }
        for (AccumulateImportDescr imported : descr.getAccumulateImports()) {
            errors.add(at(
                    source, imported, "accumulate imports are not allowed in rules: `" + imported.getTarget() + "`"));
        }
        for (GlobalDescr global : descr.getGlobals()) {
            errors.add(at(source, global, "globals are not allowed in rules: `" + global.getIdentifier() + "`"));
        }
        for (FunctionDescr function : descr.getFunctions()) {
            errors.add(at(source, function, "functions are not allowed in rules: `" + function.getName() + "`"));
        }
        for (TypeDeclarationDescr declared : descr.getTypeDeclarations()) {
            errors.add(at(
                    source, declared, "type declarations are not allowed in rules: `" + declared.getTypeName() + "`"));
        }
        descr.getEnumDeclarations()
                .forEach(d -> errors.add(
                        at(source, d, "enum declarations are not allowed in rules: `" + d.getTypeName() + "`")));
        descr.getEntryPointDeclarations()
                .forEach(d -> errors.add(at(source, d, "entry point declarations are not allowed in rules")));
        descr.getWindowDeclarations()
                .forEach(d -> errors.add(at(source, d, "window declarations are not allowed in rules")));
        for (AttributeDescr attribute : descr.getAttributes()) {
            RuleCheck.checkAttribute(attribute, source, errors);
        }
    }

    static CompileError at(SourceText source, BaseDescr descr, String message) {
        if (descr.getStartCharacter() >= 0) {
            return source.errorAt(descr.getStartCharacter(), message);
        }
        return source.errorAtLine(descr.getLine(), descr.getColumn(), message);
    }

    /**
     * Parses a piece of Java (or of a Drools expression) found at {@code offset} in the file and checks
     * it, turning JavaParser's positions into the file's. {@code prefix} is what was put before the text to
     * make it parse ({@code "{"} for a consequence).
     */
    static BiConsumer<Node, String> refusals(
            SourceText source, String snippet, int prefix, int offset, List<CompileError> errors) {
        SourceText parsed = new SourceText("", snippet);
        return (node, message) -> {
            int at = offset;
            if (offset >= 0 && node.getBegin().isPresent()) {
                Position begin = node.getBegin().get();
                at = offset + Math.max(parsed.offsetOf(begin.line, begin.column) - prefix, 0);
            }
            errors.add(source.errorAt(at, message));
        };
    }

    /** Parses a consequence as the Java block it is compiled into; the problem when it is not one. */
    static ParseResult<BlockStmt> parseConsequence(JavaParser java, String text) {
        return java.parseBlock(CONSEQUENCE_OPEN + text + "\n}");
    }

    static ParseResult<Expression> parseExpression(JavaParser java, String text) {
        return java.parseExpression(text);
    }

    static int consequencePrefix() {
        return CONSEQUENCE_OPEN.length();
    }

    static Map<String, Class<?>> noBindings() {
        return Map.of();
    }
}
