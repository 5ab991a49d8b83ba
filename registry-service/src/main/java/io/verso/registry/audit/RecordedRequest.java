package io.verso.registry.audit;

/** An earlier request with the same idempotency key: its hash and the answer it got. */
public record RecordedRequest(String requestHash, String resultJson) {
}
