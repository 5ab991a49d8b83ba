package io.verso.gateway.protection;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** Where a client's API key comes from: the configured header, else {@code Authorization: Bearer}. */
final class ClientKey {

    private ClientKey() {
    }

    static String of(ServerHttpRequest request, String header) {
        String key = request.getHeaders().getFirst(header);
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String authorization = request.getHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).trim();
            return bearer.isEmpty() ? null : bearer;
        }
        return null;
    }
}
