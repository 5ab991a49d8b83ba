package io.verso.gateway.backend;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Points Spring Cloud Gateway's routing filter at the pod the {@link PodCaller} picked for this attempt. A filter of
 * its own because it must run after {@link RouteToRequestUrlFilter}, which sets the route's placeholder target,
 * while the caller must run before the response-writing filter so that its protection covers the whole answer.
 */
public final class PodTargetFilter implements GatewayFilter, Ordered {

    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 100;
    static final String TARGET_ATTR = PodTargetFilter.class.getName() + ".target";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(TARGET_ATTR);
        if (target != null) {
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
