/**
 * The prediction log: a sampled record of answered calls (request id, time, model, version, signature, inputs,
 * outputs) written as JSON lines to rotating files by one background writer, for continuous-training pipelines.
 * The request path only offers records to a bounded queue; when the writer falls behind, records are dropped
 * and counted, never waited for.
 */
package io.verso.inference.monitoring.predictionlog;
