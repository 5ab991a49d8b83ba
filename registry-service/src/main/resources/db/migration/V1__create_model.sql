-- Models are the root of everything the registry stores; versions and deployments will reference them.
CREATE TABLE model (
    id          bigserial   PRIMARY KEY,
    -- Names appear in URLs and artifact paths, so only a safe, bounded alphabet is allowed.
    name        text        NOT NULL
                CONSTRAINT model_name_key UNIQUE
                CONSTRAINT model_name_format CHECK (name ~ '^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$'),
    description text,
    owner       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz
);
