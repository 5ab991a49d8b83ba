/**
 * Production monitoring of served models, fed by the data plane's {@link io.verso.inference.dataplane.InferenceObserver}
 * hook: request metrics ({@code metrics}), the sampled prediction log ({@code predictionlog}), ground-truth feedback
 * and model quality ({@code feedback}) per slice ({@code slice}), drift ({@code drift}). This root package holds the
 * per-model monitoring settings those parts share. Observers never block the call that reports to them. May import
 * {@code model}, {@code dataplane} and {@code lifecycle} (load events); serves no HTTP (its endpoints live in
 * {@code api.monitoring}).
 */
package io.verso.inference.monitoring;
