package io.clearance.api;

import io.clearance.registry.ImportConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where an uploaded import file is written until its job has read it: a new file, readable by this user only, in
 * {@code clearance.import.spool-directory} (else {@code java.io.tmpdir}). A bean of its own so that a test can
 * make the disk fail.
 */
@ApplicationScoped
public class SpoolFiles {

    private final String directory;

    SpoolFiles(ImportConfig config) {
        this.directory = config.spoolDirectory().orElse(System.getProperty("java.io.tmpdir"));
    }

    /** The directory the files go to, for messages. */
    String directory() {
        return directory;
    }

    /** Creates an empty spool file and answers its path. */
    Future<String> create(Vertx vertx) {
        // Files.createTempFile underneath: a random name, owner-only permissions on POSIX.
        return vertx.fileSystem().createTempFile(directory, "clearance-import-", ".part", (String) null);
    }

    /** Opens a spool file for writing. */
    Future<AsyncFile> open(Vertx vertx, String file) {
        return vertx.fileSystem().open(file, new OpenOptions().setWrite(true).setCreate(false));
    }
}
