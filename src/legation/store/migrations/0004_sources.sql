-- Sources the crawler follows: a feed, a sitemap (or sitemap index), or a single page.
CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    url          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'page')),
    title        TEXT,
    institution  TEXT,
    enabled      INTEGER NOT NULL DEFAULT 1,
    added_at     TEXT NOT NULL,
    last_crawled TEXT
);

-- Fetch state of every URL the crawler knows: listings (feeds, sitemaps) and items.
-- An item moves pending -> fetched (bytes kept in raw_inputs) -> done, so a crawl killed at
-- any point resumes without refetching what it already has and without losing items.
CREATE TABLE crawl_queue (
    url           TEXT PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('listing', 'item')),
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'fetched', 'done', 'failed', 'refused', 'gone')),
    listed_at     TEXT,              -- date the listing gave the item (sitemap lastmod, feed date)
    etag          TEXT,
    last_modified TEXT,
    final_url     TEXT,              -- after redirects
    content_type  TEXT,
    sha256        TEXT,              -- raw bytes kept in raw_inputs while status = 'fetched'
    fetched_at    TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    error         TEXT,
    added_at      TEXT NOT NULL
);
CREATE INDEX crawl_queue_status ON crawl_queue (status, role);
CREATE INDEX crawl_queue_source ON crawl_queue (source_id);
