package io.clearance.engine.verify;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.engine.facts.Advice;
import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.engine.facts.OwnershipMeasure;
import io.clearance.engine.facts.ResellerOversight;
import io.clearance.engine.facts.RestrictedAction;
import io.clearance.engine.facts.UnregisteredCustomers;
import io.clearance.engine.facts.Verdict;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What rules may touch: the fact model, the domain's enums and values, and a handful of pure {@code java.lang},
 * {@code java.util} and {@code java.time} types. {@code java.math} is left out on purpose: {@code pow} of a
 * big number is one call that can run for minutes, and no budget can stop a call once it has started. Nothing here reaches the file system,
 * the network, threads, class loading or reflection, so a rule that calls only these can compute and insert
 * verdicts, and nothing else.
 */
final class Allowlist {

    /** The fact model: every public type in it may be imported, matched, created and called. */
    static final String FACTS_PACKAGE = "io.clearance.engine.facts";

    private static final Set<Class<?>> TYPES = Set.of(
            PartyKind.class,
            ControlBasis.class,
            Share.class,
            String.class,
            Integer.class,
            Long.class,
            Double.class,
            Boolean.class,
            Character.class,
            Number.class,
            Math.class,
            Object.class,
            List.class,
            Map.class,
            Set.class,
            Collection.class,
            ArrayList.class,
            HashMap.class,
            LinkedHashMap.class,
            HashSet.class,
            LinkedHashSet.class,
            Objects.class,
            Instant.class,
            LocalDate.class,
            Duration.class,
            Period.class);

    /** Object's methods a rule may call; the others wait, notify or reach the class. */
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    /** Accumulate functions built into Drools that run no code of the author's. */
    static final Set<String> ACCUMULATE_FUNCTIONS =
            Set.of("count", "sum", "min", "max", "average", "collectList", "collectSet");

    private Allowlist() {}

    static boolean allows(Class<?> type) {
        if (type.isPrimitive()) {
            return true;
        }
        if (type.isArray()) {
            return false;
        }
        if (TYPES.contains(type)) {
            return true;
        }
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        return outer.getPackageName().equals(FACTS_PACKAGE)
                && Modifier.isPublic(type.getModifiers())
                && !type.isAnonymousClass();
    }

    /** What a rule may insert: verdicts, advice, and the facts that declare the policy's parameters. */
    static boolean insertable(Class<?> type) {
        return Verdict.class.isAssignableFrom(type)
                || type == Advice.class
                || type == BannedJurisdiction.class
                || type == RestrictedAction.class
                || type == OwnershipMeasure.class
                || type == UnregisteredCustomers.class
                || type == ResellerOversight.class;
    }

    /** A method rules may call: public, on an allowed type, not one of Object's inner workings. */
    static boolean allows(Method method) {
        if (!Modifier.isPublic(method.getModifiers())) {
            return false;
        }
        if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == Enum.class) {
            return OBJECT_METHODS.contains(method.getName())
                    || (method.getDeclaringClass() == Enum.class
                            && Set.of("name", "ordinal", "compareTo").contains(method.getName()));
        }
        return true;
    }

    /** The class of a name, loaded without initialising it; empty when no such class exists. */
    static Class<?> load(String qualifiedName) {
        try {
            return Class.forName(qualifiedName, false, Allowlist.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
