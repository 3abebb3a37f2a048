package io.clearance.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Names the limit of {@link JsonSettings} a refused body broke, in this API's words: Jackson reports
 * them as text that names its own internals ({@code StreamReadConstraints.getMaxNumberLength()}), which a
 * client should neither see nor parse. Also caps whatever part of the input goes back in an error.
 */
final class JsonLimits {

    /** Characters of a client's input an error message repeats, at most. */
    static final int MAX_ECHO = 200;

    private JsonLimits() {}

    /** The limit breach behind {@code e}, or null when it is some other failure. */
    static StreamConstraintsException breach(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    /** The field named twice when {@code e} is Jackson's duplicate detection, else null. */
    static String duplicateField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse
                    && parse.getOriginalMessage() != null
                    && parse.getOriginalMessage().startsWith("Duplicate field '")) {
                String message = parse.getOriginalMessage();
                int end = message.lastIndexOf('\'');
                return capped(message.substring("Duplicate field '".length(), Math.max(end, 17)));
            }
        }
        return null;
    }

    static String code(StreamConstraintsException limit) {
        String message = String.valueOf(limit.getOriginalMessage());
        if (limit instanceof BoundedNumbers.NumberOutOfRange || message.startsWith("Number value length")) {
            return "number-out-of-range";
        }
        if (message.startsWith("String value length")) {
            return "string-too-long";
        }
        if (message.startsWith("Name length") || message.startsWith("Name value length")) {
            return "name-too-long";
        }
        if (message.contains("nesting depth")) {
            return "nesting-too-deep";
        }
        return "body-too-large";
    }

    static String detail(StreamConstraintsException limit) {
        return switch (code(limit)) {
            case "number-out-of-range" ->
                "a number is longer than " + JsonSettings.MAX_NUMBER_LENGTH + " characters or has an exponent beyond ±"
                        + JsonSettings.MAX_EXPONENT;
            case "string-too-long" -> "a string is longer than " + JsonSettings.MAX_STRING_LENGTH + " characters";
            case "name-too-long" -> "a field name is longer than " + JsonSettings.MAX_NAME_LENGTH + " characters";
            case "nesting-too-deep" ->
                "objects and arrays are nested deeper than " + JsonSettings.MAX_INPUT_DEPTH + " levels";
            default -> "the body is larger than this API reads";
        };
    }

    /** {@code text} cut to {@link #MAX_ECHO} characters, marked where it was cut. */
    static String capped(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, MAX_ECHO) + "… (" + (text.length() - MAX_ECHO) + " more characters)";
    }
}
