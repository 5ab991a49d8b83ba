package io.verso.gateway.routing;

/**
 * A request the gateway answers itself, with an HTTP status and the message for the inference APIs' error shape
 * {@code {"error": "..."}}: a malformed path, an unknown model, a version or label nobody serves.
 */
public class RoutingProblem extends RuntimeException {

    private final int status;

    public RoutingProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static RoutingProblem notFound(String message) {
        return new RoutingProblem(404, message);
    }

    public static RoutingProblem badRequest(String message) {
        return new RoutingProblem(400, message);
    }

    public int status() {
        return status;
    }
}
