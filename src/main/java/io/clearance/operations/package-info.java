/**
 * What an operator watches: Prometheus metrics at {@code /q/metrics} (decision latency and outcomes,
 * rule-set reloads, registry size) and the decision id on the OpenTelemetry span when tracing is on.
 */
package io.clearance.operations;
