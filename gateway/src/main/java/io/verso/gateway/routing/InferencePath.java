package io.verso.gateway.routing;

import io.verso.contracts.ModelNames;
import java.util.Set;

/**
 * A parsed inference request path. {@code model} is {@code null} for server-level paths ({@code /v2},
 * {@code /v2/health/*}); at most one of {@code version} and {@code label} is set; {@code suffix} is what follows
 * the model part unchanged ({@code ":predict"}, {@code "/metadata"}, {@code "/infer"}, {@code "/ready"} or empty).
 */
public record InferencePath(Api api, String model, Long version, String label, String suffix) {

    private static final Set<String> V1_VERBS = Set.of("predict", "classify", "regress");
    private static final Set<String> V2_SERVER_PATHS = Set.of("/v2", "/v2/", "/v2/health/live", "/v2/health/ready");
    private static final String V1_PREFIX = "/v1/models/";
    private static final String V2_PREFIX = "/v2/models/";

    /** Parses a raw (still percent-encoded) request path; a path no pod could answer is a {@link RoutingProblem}. */
    public static InferencePath parse(String rawPath) {
        if (rawPath.startsWith(V1_PREFIX)) {
            return parseV1(rawPath);
        }
        if (rawPath.startsWith(V2_PREFIX)) {
            return parseV2(rawPath);
        }
        if (V2_SERVER_PATHS.contains(rawPath)) {
            return new InferencePath(Api.V2, null, null, null, rawPath);
        }
        throw malformed(rawPath);
    }

    /**
     * The model a raw path calls; null for server-level paths and for paths no pod could answer (the routing
     * filter refuses those itself). For the API key's model scope, which runs before routing.
     */
    public static String modelOrNull(String rawPath) {
        try {
            return parse(rawPath).model();
        } catch (RoutingProblem problem) {
            return null;
        }
    }

    /**
     * A request that arrived without a path (gRPC), as the path form it would have had: the same routing rules.
     *
     * @param what names the request in error messages
     */
    public static InferencePath of(Api api, String model, Long version, String label, String suffix, String what) {
        if (model == null) {
            return new InferencePath(api, null, null, null, suffix);
        }
        return new InferencePath(api, modelName(model, what), version,
                label == null || label.isEmpty() ? null : label(label, what), suffix);
    }

    /** A model-level request without a pin: the gateway chooses the version. TF Serving's status query is not one. */
    public boolean choosesVersion() {
        return model != null && version == null && label == null && !(api == Api.TF_SERVING && suffix.isEmpty());
    }

    /** A request whose answer can be compared with another version's: predict, classify, regress, infer. */
    public boolean isInference() {
        return suffix.startsWith(":") || suffix.equals("/infer");
    }

    /** The same request pinned to one version, in the path form of its API. */
    public String pinnedTo(long pinned) {
        String prefix = api == Api.TF_SERVING ? V1_PREFIX : V2_PREFIX;
        return prefix + model + "/versions/" + pinned + suffix;
    }

    /** The path as the pod receives it when the gateway pins nothing. */
    public String unchanged() {
        if (model == null) {
            return suffix;
        }
        String prefix = api == Api.TF_SERVING ? V1_PREFIX : V2_PREFIX;
        String pin = version != null ? "/versions/" + version : label != null ? "/labels/" + label : "";
        return prefix + model + pin + suffix;
    }

    private static InferencePath parseV1(String rawPath) {
        String rest = rawPath.substring(V1_PREFIX.length());
        String verb = "";
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            verb = rest.substring(colon);
            rest = rest.substring(0, colon);
            if (!V1_VERBS.contains(verb.substring(1))) {
                throw malformed(rawPath);
            }
        }
        String[] parts = rest.split("/", -1);
        String suffix = verb;
        int length = parts.length;
        if (length > 1 && parts[length - 1].equals("metadata") && verb.isEmpty()) {
            suffix = "/metadata";
            length--;
        }
        String model = modelName(parts[0], rawPath);
        if (length == 1) {
            return new InferencePath(Api.TF_SERVING, model, null, null, suffix);
        }
        if (length == 3 && parts[1].equals("versions")) {
            return new InferencePath(Api.TF_SERVING, model, versionNumber(parts[2]), null, suffix);
        }
        if (length == 3 && parts[1].equals("labels") && !parts[2].isEmpty()) {
            return new InferencePath(Api.TF_SERVING, model, null, label(parts[2], rawPath), suffix);
        }
        throw malformed(rawPath);
    }

    private static InferencePath parseV2(String rawPath) {
        String[] parts = rawPath.substring(V2_PREFIX.length()).split("/", -1);
        String model = modelName(parts[0], rawPath);
        int next = 1;
        Long version = null;
        if (parts.length >= 3 && parts[1].equals("versions")) {
            version = versionNumber(parts[2]);
            next = 3;
        }
        String suffix = parts.length == next ? "" : parts.length == next + 1 ? "/" + parts[next] : null;
        if (suffix == null || !(suffix.isEmpty() || suffix.equals("/infer") || suffix.equals("/ready"))) {
            throw malformed(rawPath);
        }
        return new InferencePath(Api.V2, model, version, null, suffix);
    }

    private static String modelName(String candidate, String rawPath) {
        if (candidate.isEmpty()) {
            throw malformed(rawPath);
        }
        if (!ModelNames.isName(candidate)) {
            // The registry's rule: a name it refuses cannot be a deployed model, and one it accepts must be reachable.
            throw RoutingProblem.badRequest("Invalid model name '" + candidate + "' in " + rawPath + ": a model name "
                    + ModelNames.NAME_RULE);
        }
        return candidate;
    }

    /** A label the registry could have set (or derives: {@code stable}, {@code canary}); others cannot exist. */
    private static String label(String candidate, String rawPath) {
        if (!ModelNames.isLabel(candidate)) {
            throw RoutingProblem.badRequest("Invalid version label '" + candidate + "' in " + rawPath + ": a label "
                    + ModelNames.LABEL_RULE);
        }
        return candidate;
    }

    private static long versionNumber(String candidate) {
        try {
            long number = Long.parseLong(candidate);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as a non-positive number.
        }
        throw RoutingProblem.badRequest("Invalid version '" + candidate + "': a version is a positive integer");
    }

    private static RoutingProblem malformed(String rawPath) {
        return RoutingProblem.notFound("Malformed request: " + rawPath);
    }
}
