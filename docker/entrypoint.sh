#!/bin/sh
# The image's entrypoint: the server without arguments, the command line with them
# (`docker run clearance validate rules/`). exec, so that java is PID 1 and receives SIGTERM.
# JAVA_OPTS is split on spaces on purpose: it holds several JVM flags.
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar /app/quarkus-app/quarkus-run.jar "$@"
