package io.verso.gateway.protection;

import java.util.function.UnaryOperator;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a client's API key comes from: the configured header, else {@code Authorization: Bearer}; over gRPC, the
 * metadata entries of the same names.
 */
public final class ClientKey {

    private ClientKey() {
    }

    static String of(ServerHttpRequest request, String header) {
        return of(request.getHeaders()::getFirst, header);
    }

    /** @param headers a header's (or metadata entry's) first value by name, null when absent */
    public static String of(UnaryOperator<String> headers, String header) {
        String key = headers.apply(header);
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String authorization = headers.apply("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).trim();
            return bearer.isEmpty() ? null : bearer;
        }
        return null;
    }
}
