-- Works: several documents (a syndicated copy, a PDF and its HTML page) can be one work.
-- A work's id is the id of its first document; every fingerprinted document is a member.
CREATE TABLE works (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE work_members (
    doc_id     TEXT PRIMARY KEY,                 -- a document belongs to exactly one work
    work_id    TEXT NOT NULL REFERENCES works (id),
    similarity REAL NOT NULL,                    -- estimated Jaccard with the matched member
    matched    TEXT,                             -- the member it matched (NULL for the first)
    added_at   TEXT NOT NULL
);
CREATE INDEX work_members_work ON work_members (work_id);

-- MinHash signatures of each document's normalised text (word shingles).
CREATE TABLE fingerprints (
    doc_id   TEXT PRIMARY KEY,
    params   TEXT NOT NULL,   -- "scheme:num_perm:shingle:seed"; other params are recomputed
    shingles INTEGER NOT NULL,
    minhash  BLOB NOT NULL    -- the signature's hash values, native unsigned integers
);
