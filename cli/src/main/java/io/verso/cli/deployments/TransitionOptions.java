package io.verso.cli.deployments;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** What every transition takes besides its own arguments: an audit reason and the API's safety headers. */
public final class TransitionOptions {

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit trail")
    String reason;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "retry-safe: a repeat with the same key replays the first answer instead of acting twice")
    String idempotencyKey;

    @Option(names = "--if-revision", paramLabel = "N",
            description = "act only if the deployment is still at this revision (else refused with 409)")
    Long ifRevision;

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        if (ifRevision != null) {
            headers.put("If-Match", "\"" + ifRevision + "\"");
        }
        return headers;
    }
}
