package io.verso.localstack;

import java.nio.file.Path;

/** What the stack prints once it is up: where things are and commands that work against it. */
final class Walkthrough {

    private Walkthrough() {
    }

    static String text(String gateway, String registry, String pod, String adminToken, Path logs, Path predictions,
                       int grpcPort) {
        String auth = "-H 'Authorization: Bearer " + adminToken + "' -H 'Content-Type: application/json'";
        return """

                  Verso is up (logs in %4$s).
                    gateway    %1$s   (clients: TF Serving REST /v1, Open Inference Protocol /v2)
                    gateway    localhost:%8$d   (gRPC: TF Serving's PredictionService and ModelService, V2's GRPCInferenceService)
                    registry   %2$s   (admin API /api/v1, OpenAPI /v3/api-docs, admin token %3$s)
                    pod        %7$s   (monitoring reports /monitoring, metrics /actuator/prometheus)
                    console    %2$s/console   (sign in with the admin token %3$s; also at %1$s/admin/console)

                  Try (iris: a classifier trained with TensorFlow Java, version 1 serving, version 2 registered):
                    curl -s -d '{"instances": [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]]}' %1$s/v1/models/iris:predict
                    curl -s -d '{"signature_name": "classify", "examples": [{"sepal_length": 5.9, "sepal_width": 3.0, "petal_length": 4.2, "petal_width": 1.5}]}' %1$s/v1/models/iris:classify
                    curl -s -H 'Content-Type: application/json' -d '{"inputs": [{"name": "INPUT0", "shape": [1, 16], "datatype": "INT32", "data": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]}, {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "data": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}' %1$s/v2/models/simple/infer

                  Roll out iris version 2: canary at 50%%, then promote, then roll back to 1
                  (curl -si on the first command shows X-Verso-Model-Version after each step):
                    curl -s %5$s -d '{"version": 2, "weight": 50}' %2$s/api/v1/models/iris/deployment/canary
                    curl -s %5$s -d '{}' %2$s/api/v1/models/iris/deployment/promote
                    curl -s %5$s -d '{}' %2$s/api/v1/models/iris/deployment/rollback
                  Or let the registry do it, step by step under canary analysis (docs/canary-analysis.md):
                    curl -s %5$s -d '{"version": 2, "steps": [10, 50, 100], "minStepIntervalSeconds": 60}' %2$s/api/v1/models/iris/deployment/rollout

                  Monitoring (docs/monitoring.md): drift against the training baseline, ground truth by request id
                  (X-Request-Id of a prediction), accuracy per petal-length slice, metrics; predictions in %6$s:
                    curl -s %7$s/monitoring/models/iris/versions/1/drift
                    curl -s -H 'Content-Type: application/json' -d '{"request_id": "<X-Request-Id>", "labels": [0, 2]}' %1$s/v1/feedback
                    curl -s %7$s/monitoring/models/iris/versions/1/quality
                  gRPC (grpcurl, with the .proto files in grpc-api/; the answer's x-verso-model-version names the version):
                    grpcurl -plaintext -v -import-path grpc-api/src/main/proto -import-path grpc-api/src/main/proto-imports -proto tensorflow_serving/apis/prediction_service.proto -d '{"model_spec": {"name": "iris"}, "inputs": {"features": {"dtype": "DT_FLOAT", "tensor_shape": {"dim": [{"size": 1}, {"size": 4}]}, "float_val": [5.1, 3.5, 1.4, 0.2]}}}' localhost:%8$d tensorflow.serving.PredictionService/Predict

                  Ctrl-C stops everything; the next start reuses the data.
                """.formatted(gateway, registry, adminToken, logs, auth, predictions, pod, grpcPort);
    }
}
