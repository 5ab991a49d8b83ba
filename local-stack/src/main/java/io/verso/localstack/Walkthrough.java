package io.verso.localstack;

import java.nio.file.Path;

/** What the stack prints once it is up: where things are and commands that work against it. */
final class Walkthrough {

    private Walkthrough() {
    }

    static String text(String gateway, String registry, String adminToken, Path logs) {
        String auth = "-H 'Authorization: Bearer " + adminToken + "' -H 'Content-Type: application/json'";
        return """

                  Verso is up (logs in %4$s).
                    gateway    %1$s   (clients: TF Serving REST /v1, Open Inference Protocol /v2)
                    registry   %2$s   (admin API /api/v1, OpenAPI /v3/api-docs, admin token %3$s)

                  Try:
                    curl -s -d '{"instances": [1.0, 2.0, 5.0]}' %1$s/v1/models/half_plus_two:predict
                    curl -s -H 'Content-Type: application/json' -d '{"inputs": [{"name": "INPUT0", "shape": [1, 16], "datatype": "INT32", "data": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]}, {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "data": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}' %1$s/v2/models/simple/infer
                    curl -s %5$s -d '{"version": 2, "weight": 50}' %2$s/api/v1/models/half_plus_two/deployment/canary

                  Then watch X-Verso-Model-Version with curl -si on the first command, promote with
                  .../deployment/promote -d '{}' and roll back with .../deployment/rollback -d '{}'.
                  Ctrl-C stops everything; the next start reuses the data.
                """.formatted(gateway, registry, adminToken, logs, auth);
    }
}
