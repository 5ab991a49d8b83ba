/**
 * Training–serving skew and drift: per model version and baseline feature, streaming statistics over a sliding
 * window of time buckets, compared with the feature's training baseline (PSI and Jensen–Shannon distance on the
 * baseline's histogram bins, L-infinity for string features), and skew counts (missing, dtype mismatch, out of the
 * training range). Fed off the request path by a bounded queue and one worker. Its report endpoint lives in
 * {@code api.monitoring}.
 */
package io.verso.inference.monitoring.drift;
