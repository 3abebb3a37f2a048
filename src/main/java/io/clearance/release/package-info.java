/**
 * Releasing a rule set on purpose: the release gate (every scenario passes, every rule is covered, or an
 * explicit forced override with a reason), the active version persisted with who, when, how and why, so
 * that a restart serves what was released, and the history, activation and diffs of versions.
 */
package io.clearance.release;
