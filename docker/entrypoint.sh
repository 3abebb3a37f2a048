#!/bin/sh
# The image's entrypoint: the server without arguments, the command line with them
# (`docker run clearance validate rules/`). exec, so that java is PID 1 and receives SIGTERM.
# JAVA_OPTS is split on spaces on purpose: it holds several JVM flags.
# The server maps the class-data archive the image build made (see Dockerfile), when there is one;
# CLEARANCE_CDS_ARCHIVE names another, or none when empty.
archive=${CLEARANCE_CDS_ARCHIVE-/app/quarkus-app/app-cds.jsa}
cds=
if [ $# -eq 0 ] && [ -n "$archive" ] && [ -f "$archive" ]; then
    cds=-XX:SharedArchiveFile=$archive
fi
# shellcheck disable=SC2086
exec java $cds $JAVA_OPTS -jar /app/quarkus-app/quarkus-run.jar "$@"
