-- Continuous-training hook (issue 12): the publisher role, pipeline policies and gate results, outbound webhooks.

-- Training pipelines' CI tokens.
ALTER TABLE api_token DROP CONSTRAINT api_token_role;
ALTER TABLE api_token ADD CONSTRAINT api_token_role
    CHECK (role IN ('VIEWER', 'DEPLOYER', 'ADMIN', 'MACHINE', 'PUBLISHER'));

-- What a newly registered version must meet, per model, and whether meeting it starts a rollout.
CREATE TABLE pipeline_policy (
    model_id                  bigint           PRIMARY KEY REFERENCES model (id),
    auto_rollout              boolean          NOT NULL,
    -- Null: no accuracy gate.
    accuracy_metric           text,
    max_accuracy_drop         double precision NOT NULL DEFAULT 0
                              CONSTRAINT pipeline_policy_drop_not_negative CHECK (max_accuracy_drop >= 0),
    require_schema_compatible boolean          NOT NULL,
    serving_signature         text             NOT NULL,
    canary_weight             integer          NOT NULL
                              CONSTRAINT pipeline_policy_canary_weight_range CHECK (canary_weight BETWEEN 1 AND 100),
    updated_by                text             NOT NULL,
    updated_at                timestamptz      NOT NULL DEFAULT now()
);

-- The gates' verdict on a version, written in its registration transaction.
CREATE TABLE gate_evaluation (
    model_id       bigint      NOT NULL,
    version        bigint      NOT NULL,
    -- The stable version it was compared with; null when nothing was stable.
    stable_version bigint,
    passed         boolean     NOT NULL,
    auto_rollout   boolean     NOT NULL,
    -- One entry per gate: {"gate": ..., "passed": ..., "detail": ...}.
    checks         jsonb       NOT NULL,
    -- What the automatic rollout did after commit; null until it ran, or when none was due.
    rollout        text,
    evaluated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, version),
    FOREIGN KEY (model_id, version) REFERENCES model_version (model_id, version)
);

CREATE TABLE webhook (
    id          bigserial   PRIMARY KEY,
    url         text        NOT NULL CONSTRAINT webhook_url_scheme CHECK (url ~* '^https?://'),
    -- Kept in clear: HMAC signing needs it. Shown once, when the webhook is created.
    secret      text        NOT NULL,
    -- Event types it wants (e.g. "version.registered", "deployment.*"); empty: all.
    event_types jsonb       NOT NULL DEFAULT '[]',
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The outbox: a row per event and webhook, written in the transaction of the event, so a committed event is
-- delivered even if the registry dies right after the commit.
CREATE TABLE webhook_delivery (
    id              bigserial   PRIMARY KEY,
    delivery_id     uuid        NOT NULL CONSTRAINT webhook_delivery_id_key UNIQUE,
    webhook_id      bigint      NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_type      text        NOT NULL,
    -- The exact body sent (text, not jsonb, so it is byte for byte what was built).
    payload         text        NOT NULL,
    status          text        NOT NULL
                    CONSTRAINT webhook_delivery_status CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- When a dispatcher may next try it; a dispatcher that claims it pushes it out by a lease.
    next_attempt_at timestamptz,
    last_http_status integer,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    CONSTRAINT webhook_delivery_pending_is_due CHECK (status <> 'PENDING' OR next_attempt_at IS NOT NULL)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (webhook_id, id);
