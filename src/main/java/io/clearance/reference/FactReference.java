package io.clearance.reference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clearance.engine.facts.Advice;
import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.engine.facts.CustomerRelation;
import io.clearance.engine.facts.Deny;
import io.clearance.engine.facts.EndCustomer;
import io.clearance.engine.facts.Evidence;
import io.clearance.engine.facts.Intermediary;
import io.clearance.engine.facts.OwnershipFinding;
import io.clearance.engine.facts.OwnershipMeasure;
import io.clearance.engine.facts.Permit;
import io.clearance.engine.facts.Request;
import io.clearance.engine.facts.Reseller;
import io.clearance.engine.facts.ResellerOversight;
import io.clearance.engine.facts.RestrictedAction;
import io.clearance.engine.facts.Review;
import io.clearance.engine.facts.Subject;
import io.clearance.engine.facts.UnregisteredCustomers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reference of the fact model for DRL authors: every fact class rules see or insert, with its members
 * found by reflection (properties usable in patterns, such as {@code Subject(country == "CN")}, and methods
 * usable in consequences) and the description kept for each in {@code reference.yaml} beside the classes.
 */
public final class FactReference {

    /** The classes a rule author works with, in the order the reference lists them. */
    public static final List<Class<?>> FACTS = List.of(
            Request.class,
            Subject.class,
            EndCustomer.class,
            Reseller.class,
            CustomerRelation.class,
            Intermediary.class,
            OwnershipFinding.class,
            OwnershipMeasure.class,
            BannedJurisdiction.class,
            RestrictedAction.class,
            UnregisteredCustomers.class,
            ResellerOversight.class,
            Deny.class,
            Review.class,
            Permit.class,
            Advice.class,
            Evidence.class);

    static final String DESCRIPTIONS = "/io/clearance/engine/facts/reference.yaml";
    private static final String INTERNAL = "internal:";

    private FactReference() {}

    /** The whole reference. */
    public static Reference generate() {
        Map<String, Described> texts = descriptions();
        List<Fact> facts = new ArrayList<>();
        for (Class<?> type : FACTS) {
            Described described = texts.getOrDefault(type.getSimpleName(), new Described(null, null, Map.of()));
            List<Member> properties = new ArrayList<>();
            List<Member> methods = new ArrayList<>();
            for (Map.Entry<String, List<String>> member : members(type).entrySet()) {
                String text = described.members().get(member.getKey());
                if (text != null && text.startsWith(INTERNAL)) {
                    continue;
                }
                Member shown = new Member(member.getKey(), member.getValue(), text);
                if (member.getValue().stream().allMatch(s -> s.startsWith("property "))) {
                    properties.add(shown);
                } else {
                    methods.add(shown);
                }
            }
            facts.add(new Fact(
                    type.getSimpleName(),
                    type.getName(),
                    described.role(),
                    described.description(),
                    properties,
                    methods));
        }
        return new Reference(
                "Facts the rules in rules/*.drl see and insert; `import io.clearance.engine.facts.*;`", facts);
    }

    /** Every member key of a class as the descriptions name it, with the signatures it stands for. */
    static Map<String, List<String>> members(Class<?> type) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            members.computeIfAbsent(type.getSimpleName(), k -> new ArrayList<>())
                    .add("new " + type.getSimpleName() + "(" + params(constructor.getGenericParameterTypes()) + ")");
        }
        List<Method> methods = Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass() != Object.class)
                .filter(m -> !m.isSynthetic() && !m.isBridge())
                .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount))
                .toList();
        for (Method method : methods) {
            String property = property(method);
            String key = property != null ? property : method.getName();
            String signature = property != null
                    ? "property " + property + ": " + simple(method.getGenericReturnType())
                    : (Modifier.isStatic(method.getModifiers()) ? "static " : "")
                            + simple(method.getGenericReturnType()) + " " + method.getName() + "("
                            + params(method.getGenericParameterTypes()) + ")";
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(signature);
        }
        return members;
    }

    /** The keys of {@code reference.yaml} that name no member, and the members it does not describe. */
    public static List<String> drift() {
        Map<String, Described> texts = descriptions();
        List<String> problems = new ArrayList<>();
        Set<String> classes = new LinkedHashSet<>();
        for (Class<?> type : FACTS) {
            classes.add(type.getSimpleName());
            Described described = texts.get(type.getSimpleName());
            if (described == null || described.description() == null) {
                problems.add(type.getSimpleName() + ": no description");
                continue;
            }
            Map<String, List<String>> members = members(type);
            members.keySet().stream()
                    .filter(k -> !described.members().containsKey(k))
                    .forEach(k -> problems.add(type.getSimpleName() + "." + k + ": no description"));
            described.members().keySet().stream()
                    .filter(k -> !members.containsKey(k))
                    .forEach(k -> problems.add(type.getSimpleName() + "." + k + ": described, but no such member"));
        }
        texts.keySet().stream()
                .filter(k -> !classes.contains(k))
                .forEach(k -> problems.add(k + ": described, but not a fact class of the reference"));
        return problems;
    }

    private static String property(Method method) {
        if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        String name = method.getName();
        if (name.startsWith("get") && name.length() > 3) {
            return Character.toLowerCase(name.charAt(3)) + name.substring(4);
        }
        if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
            return Character.toLowerCase(name.charAt(2)) + name.substring(3);
        }
        return null;
    }

    private static String params(Type[] types) {
        return Arrays.stream(types).map(FactReference::simple).collect(Collectors.joining(", "));
    }

    private static String simple(Type type) {
        // java.util.Map<java.lang.String, java.lang.Object> reads as Map<String, Object>
        return type.getTypeName().replaceAll("\\b[a-z][\\w]*\\.", "").replace('$', '.');
    }

    private static Map<String, Described> descriptions() {
        try (InputStream in = FactReference.class.getResourceAsStream(DESCRIPTIONS)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTIONS + " is missing from the application");
            }
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The texts kept for one class. */
    record Described(String role, String description, Map<String, String> members) {

        Described {
            members = members == null ? Map.of() : members;
        }
    }

    /** The reference as served. */
    public record Reference(String usage, List<Fact> facts) {}

    /**
     * One fact class.
     *
     * @param role {@code given} (inserted by Clearance before the rules fire), {@code parameter} (declared by a
     *     rule without conditions), {@code result} (inserted by rules), {@code helper}
     */
    public record Fact(
            String name,
            String className,
            String role,
            String description,
            List<Member> properties,
            List<Member> methods) {}

    /** A property (pattern field) or method, with its signatures and what it means. */
    public record Member(String name, List<String> signatures, String description) {}
}
