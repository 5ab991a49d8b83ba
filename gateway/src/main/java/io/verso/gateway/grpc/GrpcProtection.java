package io.verso.gateway.grpc;

import io.verso.gateway.protection.ClientAddress;
import io.verso.gateway.protection.ClientRateLimiter;
import io.verso.gateway.protection.KeyVerifier;

/**
 * The REST route's protection, for gRPC calls: the same key verifier and rate limiter (one budget per client
 * across both transports), the key read from the metadata entry named like the REST header.
 *
 * @param keys      null when API keys are off
 * @param limiter   null when rate limits are off
 * @param keyHeader the API key header ({@code X-API-Key}); {@code authorization: Bearer} is accepted too
 */
public record GrpcProtection(KeyVerifier keys, ClientRateLimiter limiter, ClientAddress addresses, String keyHeader) {
}
