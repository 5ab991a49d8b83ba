package io.verso.gateway.shadow;

/** An HTTP answer as far as comparing versions goes: the status and the (possibly truncated) body. */
public record Answer(int status, byte[] body, boolean truncated) {
}
