-- The inference platform's schema: users with their quota, requests and the token log.
-- Applied once, in file-name order, by `api-gateway migrate` (and at `api-gateway serve`
-- start), which records each file in schema_migrations. Statements are also written to be
-- harmless when run again by hand.

CREATE TABLE IF NOT EXISTS users (
    id           bigserial   PRIMARY KEY,
    name         text        NOT NULL UNIQUE,
    -- Hex SHA-256 of the API key; the key itself is shown once and never stored.
    api_key_hash text        NOT NULL UNIQUE,
    token_quota  bigint      NOT NULL CHECK (token_quota >= 0),
    tokens_used  bigint      NOT NULL DEFAULT 0 CHECK (tokens_used >= 0),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS requests (
    request_id        uuid             PRIMARY KEY,
    user_id           bigint           NOT NULL REFERENCES users (id),
    model             text             NOT NULL,
    prompt            text             NOT NULL,
    max_tokens        integer          NOT NULL,
    temperature       double precision NOT NULL,
    metadata          jsonb,
    status            text             NOT NULL DEFAULT 'queued'
                      CHECK (status IN ('queued', 'processing', 'completed', 'failed')),
    estimated_tokens  integer          NOT NULL,
    prompt_tokens     integer,
    completion_tokens integer,
    result            jsonb,
    error             text,
    created_at        timestamptz      NOT NULL DEFAULT now(),
    updated_at        timestamptz      NOT NULL DEFAULT now()
);

-- A user's recent requests; requests still in flight (for operators and the e2e checks).
CREATE INDEX IF NOT EXISTS requests_user_created_idx ON requests (user_id, created_at DESC);
CREATE INDEX IF NOT EXISTS requests_open_idx ON requests (status) WHERE status IN ('queued', 'processing');

CREATE TABLE IF NOT EXISTS token_logs (
    id                bigserial   PRIMARY KEY,
    -- One row per request: what makes a redelivered result count once.
    request_id        uuid        NOT NULL UNIQUE REFERENCES requests (request_id),
    user_id           bigint      NOT NULL REFERENCES users (id),
    prompt_tokens     integer     NOT NULL,
    completion_tokens integer     NOT NULL,
    total_tokens      integer     NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS token_logs_user_idx ON token_logs (user_id, created_at);
