-- Versions, deployments, their audit trail, API tokens and pod reports (issue 6).

-- Archived models leave the feeds and accept no new versions or transitions; the row stays for the audit trail.
ALTER TABLE model ADD COLUMN archived_at timestamptz;
-- Version numbers come from this counter (incremented under a row lock), so they never repeat, even after a
-- failed registration.
ALTER TABLE model ADD COLUMN last_version bigint NOT NULL DEFAULT 0;

CREATE TABLE model_version (
    id           bigserial   PRIMARY KEY,
    model_id     bigint      NOT NULL REFERENCES model (id),
    version      bigint      NOT NULL CONSTRAINT model_version_positive CHECK (version > 0),
    -- Store key of the content-addressed archive (e.g. sha256/ab/ab12....tar.gz); pods get a URL built from it.
    artifact_key text        NOT NULL,
    -- Where the archive was fetched from when registered by URI; null for uploads.
    source_uri   text,
    sha256       text        NOT NULL CONSTRAINT model_version_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes   bigint      NOT NULL CONSTRAINT model_version_size_positive CHECK (size_bytes > 0),
    format       text        NOT NULL CONSTRAINT model_version_format CHECK (format IN ('TAR_GZ', 'ZIP')),
    signatures   jsonb       NOT NULL DEFAULT '[]',
    -- Training metadata: dataset reference, metrics, feature baseline statistics per input.
    metadata     jsonb       NOT NULL DEFAULT '{}',
    status       text        NOT NULL
                 CONSTRAINT model_version_status CHECK (status IN ('REGISTERED', 'READY', 'FAILED', 'ARCHIVED')),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT model_version_key UNIQUE (model_id, version)
);

-- One deployment per model, created with the model; every transition updates this row under optimistic locking.
CREATE TABLE deployment (
    id                      bigserial   PRIMARY KEY,
    model_id                bigint      NOT NULL CONSTRAINT deployment_model_key UNIQUE REFERENCES model (id),
    stable_version          bigint,
    canary_version          bigint,
    previous_stable_version bigint,
    canary_weight           integer     NOT NULL DEFAULT 0
                            CONSTRAINT deployment_canary_weight_range CHECK (canary_weight BETWEEN 0 AND 100),
    labels                  jsonb       NOT NULL DEFAULT '{}',
    state                   text        NOT NULL
                            CONSTRAINT deployment_state CHECK (state IN ('EMPTY', 'STABLE', 'CANARY')),
    -- JPA @Version: the optimistic lock, and the revision clients send back in If-Match.
    revision                bigint      NOT NULL DEFAULT 0,
    updated_at              timestamptz,
    -- The state machine's invariants, repeated where no code path can bypass them.
    CONSTRAINT deployment_canary_needs_stable CHECK (canary_version IS NULL OR stable_version IS NOT NULL),
    CONSTRAINT deployment_canary_differs CHECK (canary_version IS NULL OR canary_version <> stable_version),
    CONSTRAINT deployment_weight_needs_canary CHECK (canary_version IS NOT NULL OR canary_weight = 0)
);

-- The audit trail: one row per transition, written in the transaction that changes the deployment.
CREATE TABLE deployment_event (
    id                 bigserial   PRIMARY KEY,
    deployment_id      bigint      NOT NULL REFERENCES deployment (id),
    -- The deployment's revision after this event: the trail and the row agree, and two events cannot claim one.
    revision           bigint      NOT NULL,
    action             text        NOT NULL,
    actor              text        NOT NULL,
    from_stable        bigint,
    to_stable          bigint,
    from_canary        bigint,
    to_canary          bigint,
    from_weight        integer,
    to_weight          integer,
    label              text,
    reason             text,
    idempotency_key    text,
    -- Hash of the request, so a reused Idempotency-Key with a different request is refused, not replayed.
    request_hash       text,
    -- The deployment as the transition left it: what a replay of the same Idempotency-Key answers.
    result             jsonb       NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deployment_event_revision_key UNIQUE (deployment_id, revision),
    CONSTRAINT deployment_event_idempotency_key UNIQUE (deployment_id, idempotency_key)
);

CREATE TABLE api_token (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL
                CONSTRAINT api_token_name_format CHECK (name ~ '^[a-zA-Z0-9][a-zA-Z0-9._@-]{0,127}$'),
    -- SHA-256 (hex) of the token; the token itself is shown once, when created, and never stored.
    token_hash  text        NOT NULL CONSTRAINT api_token_hash_key UNIQUE,
    role        text        NOT NULL CONSTRAINT api_token_role CHECK (role IN ('VIEWER', 'DEPLOYER', 'ADMIN', 'MACHINE')),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
-- A name identifies one live token; a revoked name may be issued again.
CREATE UNIQUE INDEX api_token_live_name_key ON api_token (name) WHERE revoked_at IS NULL;

-- The latest report of each inference pod; rows past expires_at no longer count and are swept.
CREATE TABLE pod_status (
    pod_id      text        PRIMARY KEY,
    endpoint    text        NOT NULL,
    versions    jsonb       NOT NULL,
    reported_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX pod_status_expires_at ON pod_status (expires_at);
