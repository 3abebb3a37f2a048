package io.clearance.audit;

import io.clearance.audit.journal.SegmentFiles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How the journal opens its segment files: the file system. A test replaces this bean (CDI alternative) with
 * one whose writes fail like a full disk.
 */
@ApplicationScoped
public class SegmentFileSource {

    public SegmentFiles files() {
        return SegmentFiles.DEFAULT;
    }
}
