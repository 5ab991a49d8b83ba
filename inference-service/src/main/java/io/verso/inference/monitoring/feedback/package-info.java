/**
 * Ground-truth feedback: every answered prediction of the last while is kept, bounded, in memory by request id
 * ({@link io.verso.inference.monitoring.feedback.RecentPredictions}); feedback ({@code POST /v1/feedback}, served
 * by {@code api.monitoring}) joins labels to them and scores each row, and {@link
 * io.verso.inference.monitoring.feedback.QualityWindows} reports accuracy (classification) or mean absolute error
 * (regression) per model version and slice over the last scored rows, as gauges and at {@code GET
 * /monitoring/models/{m}/versions/{v}/quality}.
 */
package io.verso.inference.monitoring.feedback;
