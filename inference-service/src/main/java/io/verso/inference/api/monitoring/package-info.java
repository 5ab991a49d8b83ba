/**
 * The monitoring features' HTTP endpoints: {@code POST /v1/feedback} and the quality report (over {@code
 * monitoring.feedback}), and the drift report (over {@code monitoring.drift}). Depends on {@code api}'s shared
 * HTTP helpers, {@code monitoring} and {@code model}; monitoring itself serves no HTTP.
 */
package io.verso.inference.api.monitoring;
