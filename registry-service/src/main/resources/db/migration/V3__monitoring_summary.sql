-- The latest monitoring summary of each pod per model version (issue 11): what canary analysis reads. A pod's
-- report replaces its rows; rows past expires_at no longer count and are deleted at the next report.
CREATE TABLE monitoring_summary (
    id          BIGSERIAL PRIMARY KEY,
    pod_id      VARCHAR(253) NOT NULL,
    model       VARCHAR(255) NOT NULL,
    version     BIGINT       NOT NULL,
    summary     JSONB        NOT NULL,
    reported_at TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT monitoring_summary_pod_version UNIQUE (pod_id, model, version)
);

CREATE INDEX monitoring_summary_version ON monitoring_summary (model, version, expires_at);
CREATE INDEX monitoring_summary_expiry ON monitoring_summary (expires_at);
