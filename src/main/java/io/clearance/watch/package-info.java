/** Watching decisions change: subscriptions, and the events they are sent (webhooks, server-sent events). */
package io.clearance.watch;
