package io.clearance.engine.verify;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import io.clearance.engine.CompileError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Checks one rule: its attributes and metadata are literals, its conditions match allowed types with
 * constraints that only read facts, and its consequence only computes and inserts. Conditions are checked
 * with the types of the variables they bind, so a consequence's calls are followed from the fact it names.
 */
final class RuleCheck {

    /** Attributes that schedule nothing and run no code of the author's. */
    private static final Set<String> ATTRIBUTES = Set.of(
            "salience",
            "no-loop",
            "lock-on-active",
            "agenda-group",
            "activation-group",
            "ruleflow-group",
            "auto-focus",
            "enabled",
            "dialect",
            "date-effective",
            "date-expires");

    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false");
    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$?[\\w]+)\\s*:=?\\s*(?!:)");

    private final SourceText source;
    private final TypeNames names;
    private final JavaParser java;
    private final List<CompileError> errors;
    private final Map<String, Class<?>> bindings = new HashMap<>();

    RuleCheck(SourceText source, TypeNames names, JavaParser java, List<CompileError> errors) {
        this.source = source;
        this.names = names;
        this.java = java;
        this.errors = errors;
    }

    void check(RuleDescr rule) {
        if (rule.isQuery()) {
            errors.add(RuleVerifier.at(source, rule, "queries are not allowed in rules: `" + rule.getName() + "`"));
            return;
        }
        rule.getAttributes().values().forEach(attribute -> checkAttribute(attribute, source, errors));
        for (String name : rule.getAnnotationNames()) {
            AnnotationDescr annotation = rule.getAnnotation(name);
            for (Object value : annotation.getValueMap().values()) {
                if (annotation.getFullyQualifiedName() != null
                        || !LITERAL.matcher(String.valueOf(value)).matches()) {
                    errors.add(RuleVerifier.at(
                            source,
                            rule,
                            "metadata `@" + name + "` of rule `" + rule.getName()
                                    + "` must be a literal (a quoted string, a number or a boolean)"));
                }
            }
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            errors.add(RuleVerifier.at(source, rule, "named consequences are not allowed in rules"));
        }
        condition(rule.getLhs());
        consequence(rule);
    }

    static void checkAttribute(AttributeDescr attribute, SourceText source, List<CompileError> errors) {
        String name = attribute.getName();
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        if (!ATTRIBUTES.contains(name)) {
            errors.add(RuleVerifier.at(source, attribute, "attribute `" + name + "` is not allowed in rules"));
        } else if (name.equals("dialect") && !value.replace("\"", "").equals("java")) {
            errors.add(RuleVerifier.at(
                    source, attribute, "dialect `" + value + "` is not allowed in rules; rules use the java dialect"));
        } else if (name.equals("salience") && !value.matches("-?\\d+")) {
            errors.add(RuleVerifier.at(
                    source, attribute, "salience must be a whole number in rules, not `" + value + "`"));
        } else if (attribute.getType() == AttributeDescr.Type.EXPRESSION
                && !LITERAL.matcher(value).matches()) {
            errors.add(RuleVerifier.at(source, attribute, "attribute `" + name + "` must be a literal in rules"));
        }
    }

    private void condition(BaseDescr descr) {
        if (descr instanceof PatternDescr pattern) {
            pattern(pattern);
        } else if (descr instanceof EvalDescr eval) {
            expression(String.valueOf(eval.getContent()), eval, null);
        } else if (descr instanceof ConditionalElementDescr element
                && Set.of("AndDescr", "OrDescr", "NotDescr", "ExistsDescr", "ForallDescr")
                        .contains(descr.getClass().getSimpleName())) {
            for (BaseDescr child : element.getDescrs()) {
                condition(child);
            }
        } else {
            errors.add(RuleVerifier.at(source, descr, kind(descr) + " is not allowed in rules"));
        }
    }

    private void pattern(PatternDescr pattern) {
        if (pattern.isQuery()) {
            errors.add(RuleVerifier.at(source, pattern, "queries are not allowed in rules"));
            return;
        }
        Class<?> type = names.resolve(pattern.getObjectType());
        if (type == null || !Allowlist.allows(type)) {
            int at = pattern.getStartCharacter() < 0
                    ? -1
                    : source.text().indexOf(pattern.getObjectType(), pattern.getStartCharacter());
            String message = type == null
                    ? "unknown type `" + pattern.getObjectType() + "`"
                    : "type `" + type.getName() + "` is not allowed in rules";
            errors.add(at < 0 ? RuleVerifier.at(source, pattern, message) : source.errorAt(at, message));
            return;
        }
        PatternSourceDescr from = pattern.getSource();
        if (from != null) {
            source(from, pattern);
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (constraint instanceof ExprConstraintDescr expression) {
                constraint(expression.getExpression(), expression, type);
            } else if (constraint instanceof BindingDescr binding) {
                bind(binding.getVariable(), binding.getExpression(), binding, type);
            } else {
                errors.add(RuleVerifier.at(source, constraint, kind(constraint) + " is not allowed in rules"));
            }
        }
        if (pattern.getIdentifier() != null) {
            bindings.put(pattern.getIdentifier(), type);
        }
    }

    private void source(PatternSourceDescr from, PatternDescr pattern) {
        if (from instanceof FromDescr expression) {
            expression(expression.getDataSource().toString(), pattern, null);
        } else if (from instanceof CollectDescr collect) {
            condition(collect.getInputPattern());
        } else if (from instanceof AccumulateDescr accumulate) {
            accumulate(accumulate);
        } else if (!(from instanceof EntryPointDescr)) {
            errors.add(RuleVerifier.at(source, pattern, kind(from) + " is not allowed in rules"));
        }
    }

    private void accumulate(AccumulateDescr accumulate) {
        if (accumulate.getInitCode() != null
                || accumulate.getActionCode() != null
                || accumulate.getReverseCode() != null
                || accumulate.getResultCode() != null) {
            errors.add(RuleVerifier.at(
                    source,
                    accumulate,
                    "custom accumulate code is not allowed in rules; use a built-in function ("
                            + String.join(
                                    ", ",
                                    Allowlist.ACCUMULATE_FUNCTIONS.stream()
                                            .sorted()
                                            .toList()) + ")"));
            return;
        }
        condition(accumulate.getInput());
        for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
            if (!Allowlist.ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
                errors.add(RuleVerifier.at(
                        source,
                        accumulate,
                        "accumulate function `" + function.getFunction() + "` is not allowed in rules"));
                continue;
            }
            for (String parameter : function.getParams()) {
                expression(parameter, accumulate, null);
            }
            if (function.getBind() != null) {
                bindings.put(function.getBind(), Object.class);
            }
        }
    }

    /** A constraint of a pattern, which may bind a variable: {@code $country : country}. */
    private void constraint(String text, BaseDescr descr, Class<?> pattern) {
        Matcher binding = BINDING.matcher(text);
        if (binding.find()) {
            bind(binding.group(1), text.substring(binding.end()), descr, pattern, binding.end());
        } else {
            expression(text, descr, pattern);
        }
    }

    private void bind(String variable, String expression, BaseDescr descr, Class<?> pattern) {
        bind(variable, expression, descr, pattern, -1);
    }

    private void bind(String variable, String expression, BaseDescr descr, Class<?> pattern, int shift) {
        Set<Class<?>> types = expression(expression, descr, pattern, shift);
        bindings.put(variable, types.size() == 1 ? types.iterator().next() : Object.class);
    }

    private Set<Class<?>> expression(String text, BaseDescr descr, Class<?> pattern) {
        return expression(text, descr, pattern, 0);
    }

    /**
     * Checks a condition expression; the types it may have, empty when refused.
     *
     * @param shift where the text starts after the descriptor's start (a constraint), or 0 to search for it
     *     from there (an eval, a from)
     */
    private Set<Class<?>> expression(String text, BaseDescr descr, Class<?> pattern, int shift) {
        int offset = descr.getStartCharacter() >= 0 && shift >= 0 ? descr.getStartCharacter() + shift : -1;
        if (offset >= 0 && shift == 0 && !source.text().startsWith(text, offset)) {
            int found = source.text().indexOf(text, offset);
            offset = found >= 0 ? found : offset;
        }
        ParseResult<Expression> parsed = RuleVerifier.parseExpression(java, text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            errors.add(RuleVerifier.at(
                    source,
                    descr,
                    "`" + text.strip() + "` is not an expression the rule verifier accepts"
                            + " (plain Java expressions only; Drools operators such as `matches`, `in` or"
                            + " `memberOf` are not accepted)"));
            return Set.of();
        }
        JavaCheck check = new JavaCheck(names, RuleVerifier.refusals(source, text, 0, offset, errors));
        return check.typesOf(parsed.getResult().get(), Scope.condition(bindings, pattern));
    }

    private void consequence(RuleDescr rule) {
        String text = rule.getConsequence() instanceof String s ? s : String.valueOf(rule.getConsequence());
        int thenLine = source.offsetOf(Math.max(rule.getConsequenceLine(), 1), 1);
        int offset = thenLine < 0 ? -1 : source.text().indexOf(text.strip(), thenLine);
        int leading = text.length() - text.stripLeading().length();
        offset = offset < 0 ? -1 : offset - leading;
        ParseResult<BlockStmt> parsed = RuleVerifier.parseConsequence(java, text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            String problem = parsed.getProblems().isEmpty()
                    ? ""
                    : ": "
                            + parsed.getProblems()
                                    .get(0)
                                    .getVerboseMessage()
                                    .lines()
                                    .findFirst()
                                    .orElse("");
            errors.add(
                    offset >= 0
                            ? source.errorAt(
                                    offset + leading,
                                    "the consequence of rule `" + rule.getName()
                                            + "` is not plain Java the rule verifier accepts" + problem)
                            : RuleVerifier.at(
                                    source,
                                    rule,
                                    "the consequence of rule `" + rule.getName()
                                            + "` is not plain Java the rule verifier accepts" + problem));
            return;
        }
        JavaCheck check = new JavaCheck(
                names,
                RuleVerifier.refusals(source, "{" + text + "\n}", RuleVerifier.consequencePrefix(), offset, errors));
        check.statement(parsed.getResult().get(), Scope.consequence(bindings));
    }

    private static String kind(Object descr) {
        return "`" + descr.getClass().getSimpleName().replaceAll("Descr$", "").toLowerCase() + "`";
    }
}
