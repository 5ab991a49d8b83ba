-- The gRPC port a pod advertises beside its REST endpoint (issue 18); NULL for pods that serve no gRPC and for pods
-- older than the field, which gateways then reach by their own pod-port setting.
ALTER TABLE pod_status ADD COLUMN grpc_port integer CHECK (grpc_port BETWEEN 1 AND 65535);
