package io.clearance.api;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The rules folder when it differs from the released version that serves (after a restart the released
 * version serves whatever the folder holds, and an author must see that): under {@code onDisk} of
 * {@code GET /v1/policy} and on the policy page.
 *
 * @param differs always {@code true}: the field is absent when the folder holds the serving version
 * @param filesChanged the files added, removed or edited, sorted
 */
@TemplateData
public record DiskVersion(String version, boolean differs, List<String> filesChanged, String note) {}
