package io.clearance.registry;

import io.clearance.problem.ErrorCode;

/**
 * A record refused for one field: a reader throws it so that the import's report names the field ({@link
 * ImportReport.Rejection#field()}): a JSON pointer into the record ({@code /data/notified_on}) or a CSV
 * column ({@code Entity.LegalName}), as the file spells it, so that whoever fixes the file finds it.
 */
public class InvalidField extends IllegalArgumentException {

    private final String field;
    private final transient ErrorCode code;

    /** Refused as {@code invalid-record}. */
    public InvalidField(String field, String message) {
        this(field, null, message);
    }

    /** @param code the refusal's code, or null for {@code invalid-record} */
    public InvalidField(String field, ErrorCode code, String message) {
        super(message);
        this.field = field;
        this.code = code;
    }

    public String field() {
        return field;
    }

    ErrorCode errorCode() {
        return code;
    }
}
