-- Progressive rollouts that canary analysis advances (issue 12). The row is the rollout's whole state, so a
-- registry restart resumes every rollout at its step; a replica evaluates a rollout only while it holds the row's
-- lock (SELECT ... FOR UPDATE SKIP LOCKED), so two replicas never both act on one.
CREATE TABLE rollout (
    id                  bigserial   PRIMARY KEY,
    model_id            bigint      NOT NULL REFERENCES model (id),
    version             bigint      NOT NULL,
    -- Canary weights in rising order; the last is 100, the promotion.
    steps               jsonb       NOT NULL,
    step                integer     NOT NULL,
    phase               text        NOT NULL
                        CONSTRAINT rollout_phase CHECK (phase IN ('RUNNING', 'PAUSED', 'PROMOTED', 'ROLLED_BACK',
                                                                  'ABORTED', 'SUPERSEDED')),
    min_step_interval_s bigint      NOT NULL,
    min_step_requests   bigint      NOT NULL,
    thresholds          jsonb       NOT NULL,
    step_started_at     timestamptz NOT NULL,
    next_evaluation_at  timestamptz NOT NULL,
    last_evaluation     jsonb,
    -- Why the rollout ended (the failing metric, who aborted); null while it runs.
    outcome             text,
    started_by          text        NOT NULL,
    started_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    finished_at         timestamptz
);
-- At most one rollout in progress per model.
CREATE UNIQUE INDEX rollout_active_model_key ON rollout (model_id) WHERE phase IN ('RUNNING', 'PAUSED');
CREATE INDEX rollout_due ON rollout (next_evaluation_at) WHERE phase = 'RUNNING';
CREATE INDEX rollout_model ON rollout (model_id, id);
