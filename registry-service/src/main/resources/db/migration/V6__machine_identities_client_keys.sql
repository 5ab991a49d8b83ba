-- Issue 20: pods and gateways get roles of their own; clients of the gateway get keys scoped to models.
ALTER TABLE api_token DROP CONSTRAINT api_token_role;
ALTER TABLE api_token ADD CONSTRAINT api_token_role
    CHECK (role IN ('VIEWER', 'DEPLOYER', 'ADMIN', 'MACHINE', 'PUBLISHER', 'POD', 'GATEWAY', 'CLIENT'));
-- A pod token serves one pod: the pod id of its first report, kept for good.
ALTER TABLE api_token ADD COLUMN bound_pod_id text;
-- A client key calls only these models (comma-separated; NULL: every model) ...
ALTER TABLE api_token ADD COLUMN models text;
-- ... may post feedback only with this scope ...
ALTER TABLE api_token ADD COLUMN feedback boolean NOT NULL DEFAULT false;
-- ... and stops working at this time (NULL: never).
ALTER TABLE api_token ADD COLUMN expires_at timestamptz;
