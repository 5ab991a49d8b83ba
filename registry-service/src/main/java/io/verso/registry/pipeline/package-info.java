/**
 * The continuous-training hook: a model's pipeline policy, the gates a newly registered version is checked
 * against (accuracy against the stable version's, serving-signature compatibility), the recorded verdict, and the
 * automatic rollout of a version that qualifies ({@link io.verso.registry.pipeline.VersionQualified}).
 */
package io.verso.registry.pipeline;
