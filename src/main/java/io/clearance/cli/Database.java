package io.clearance.cli;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The registry database as commands name it ({@code --database}: an H2 file or a JDBC URL), and the one-line
 * answers a command gives when it cannot use it, instead of a driver's stack trace.
 */
final class Database {

    /** H2's "Database may be already in use": another process, the server, holds the file's lock. */
    private static final int H2_FILE_LOCKED = 90020;

    private static final String H2_SUFFIX = ".mv.db";

    private Database() {}

    /** A JDBC URL as is; a path as the H2 file database there (with or without its {@code .mv.db}). */
    static String url(String pathOrUrl) {
        if (pathOrUrl.startsWith("jdbc:")) {
            return pathOrUrl;
        }
        String path = Path.of(pathOrUrl).toAbsolutePath().normalize().toString();
        if (path.endsWith(H2_SUFFIX)) {
            path = path.substring(0, path.length() - H2_SUFFIX.length());
        }
        // H2 closes the database with the last connection, not at JVM exit, as the server's URL does.
        return "jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Prints why {@code command} could not finish on the database at {@code url}, in one line, and returns
     * the exit code 1. A file held by a running server is said as such, with what to do.
     */
    static int refusal(String command, String url, Exception e) {
        SQLException sql = sqlCause(e);
        if (sql != null && sql.getErrorCode() == H2_FILE_LOCKED) {
            System.err.printf(
                    "%s refused: a running server holds the database at `%s` (H2 opens a file for one process);"
                            + " stop the server and run it again, or name another database with --database <path>%n",
                    command, url);
        } else if (sql != null) {
            System.err.printf("%s failed on the database at `%s`: %s%n", command, url, firstLine(sql.getMessage()));
        } else {
            System.err.printf("%s refused: %s%n", command, firstLine(e.getMessage()));
        }
        return 1;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
