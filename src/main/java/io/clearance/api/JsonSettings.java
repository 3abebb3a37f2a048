package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON as a policy decision point must read it: strictly. An unknown field is an error (a misspelt
 * {@code onBehalfOf} must not silently skip the end-customer check), so is a field given twice (the last
 * one would win, and {@code "onBehalfOf": null} after the real one would skip the same check), numbers
 * stay exact decimals, and a string is not a number.
 *
 * <p>Every size limit of the JSON the API reads and writes is set here, deliberately, rather than left
 * to the library's defaults: the bodies of this API are small and shallow, so anything far beyond them
 * is refused before it costs memory. {@link ProblemMappers} turns each refusal into a 400 with its own
 * code.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    /** Digits (and sign, point, exponent) of one number: a share needs fewer than twenty. */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** The decimal exponent a number may have, either way: {@code 1e1000000000} is refused, not expanded. */
    public static final int MAX_EXPONENT = 100;

    /** Characters of one string: a candidate rule file travels as one. */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    /** Characters of one field name. */
    public static final int MAX_NAME_LENGTH = 1_000;

    /** Objects and arrays inside one another in a request body. */
    public static final int MAX_INPUT_DEPTH = 64;

    /**
     * Objects and arrays inside one another in an answer: evidence is cut well before this (see the
     * ownership evidence caps); this is the backstop, not the plan.
     */
    public static final int MAX_OUTPUT_DEPTH = 1_000;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // ALLOW_COERCION_OF_SCALARS leaves number-to-string alone: `"name": 5` must not become "5".
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.getFactory().setStreamReadConstraints(readConstraints());
        mapper.getFactory()
                .setStreamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(MAX_OUTPUT_DEPTH)
                        .build());
        mapper.setNodeFactory(new BoundedNumbers());
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    static StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxNestingDepth(MAX_INPUT_DEPTH)
                .build();
    }
}
