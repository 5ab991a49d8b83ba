package io.verso.inference.dataplane;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.TensorValue;
import java.util.Map;

/**
 * What {@link InferenceObserver}s learn about one finished call.
 *
 * @param requestId  the client's X-Request-Id when valid (<=128 chars of [A-Za-z0-9._:-]) or the V2 body "id",
 *                   else a generated UUID; echoed in the response header X-Request-Id (both APIs, also on errors)
 * @param api        "tfserving" or "v2"
 * @param method     "predict", "classify", "regress" (tfserving) or "infer" (v2)
 * @param model      model name from the path
 * @param version    version that ran; 0 when none was selected (e.g. unknown model)
 * @param signature  signature key that ran; null when none was resolved
 * @param inputs     decoded input tensors; null when decoding failed or never happened
 * @param outputs    output tensors; null on failure
 * @param error      null on success, else the ErrorCode the client got
 * @param versionFault the failure is the version's, not the caller's: the model raised it while running, or the
 *                   pod failed (INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED); false for a request that does not fit
 *                   the signature, an unknown model, an overloaded queue (429) or a caller that went away
 * @param headers    request headers whose names start with "x-verso-", names lower-cased (e.g. x-verso-slice)
 * @param requestBytes  size of the request body in bytes
 * @param queueNanos    time waiting for an inference thread (executor queue)
 * @param runNanos      time from starting the servable call to outputs ready (includes batch queueing when batched)
 * @param totalNanos    time from the data plane receiving the call to completion (excludes response encoding)
 * @param traceId       the W3C trace id of the call (32 hex digits), sampled or not; null when tracing is off
 */
public record InferenceRecord(String requestId, String api, String method, String model, long version,
        String signature, Map<String, TensorValue> inputs, Map<String, TensorValue> outputs, ErrorCode error,
        boolean versionFault, Map<String, String> headers, long requestBytes, long queueNanos, long runNanos,
        long totalNanos, String traceId) {

    public boolean succeeded() {
        return error == null;
    }
}
