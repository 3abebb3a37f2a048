package io.clearance.api;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What the auditor's pages show, row by row: named, with every field present (null where there is nothing),
 * because Qute's strict rendering refuses a missing key where a JSON view would have dropped a null.
 */
final class AuditPageRows {

    private AuditPageRows() {}

    /** The verify button's answer, as {@code GET /v1/audit/verify} gives it: every chain. */
    @TemplateData
    record Verified(boolean intact, long checked, List<Verification> chains) {}

    /** One chain's check. */
    @TemplateData
    record Verification(
            boolean intact,
            String chainId,
            boolean keyed,
            long checked,
            Long firstSeq,
            Long lastSeq,
            long unshipped,
            ExpectedHead expectedHead,
            Break firstBroken) {}

    /** The head a witness expects the chain to reach. */
    @TemplateData
    record ExpectedHead(long seq, String source) {}

    /** The first record whose link does not hold. */
    @TemplateData
    record Break(long seq, String decisionId, String problem, String message) {}

    /** A reason of a logged decision, with its clause as written then and the pictures of its findings. */
    @TemplateData
    record Reason(
            String rule,
            String effect,
            String message,
            String clause,
            String clauseTitle,
            String clauseText,
            List<Picture> pictures,
            String evidence) {}

    /** One ownership finding drawn, with its paths in words. */
    @TemplateData
    record Picture(String svg, List<String> paths) {}

    /** An advice a logged decision carried. */
    @TemplateData
    record Advice(String code, String rule, String clause, String message, String evidence) {}

    /** A rule of the serving rule set, with where it is written. */
    @TemplateData
    record Rule(String name, String clause, String clauseTitle, String description, String where) {}

    /** A load attempt of the policy history. */
    @TemplateData
    record Attempt(String at, String trigger, String outcome, String version, int ruleCount, String errors) {}
}
