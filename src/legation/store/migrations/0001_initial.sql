-- Documents as their public JSON, plus the few columns queries need.
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    content_type TEXT,
    published    TEXT,
    source_sha   TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,      -- hash of the JSON without read time: "unchanged" test
    json         TEXT NOT NULL,
    enrichment   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX documents_source_sha ON documents (source_sha);
CREATE INDEX documents_published ON documents (published);

-- Raw input bytes, content-addressed and zlib-compressed.
CREATE TABLE raw_inputs (
    sha256 TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,
    data   BLOB NOT NULL
);

-- Inputs that could not become documents, with a one-line reason.
CREATE TABLE failures (
    locator TEXT PRIMARY KEY,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
