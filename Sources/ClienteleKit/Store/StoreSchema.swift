import GRDB

/// The store's tables, created and upgraded by numbered migrations (GRDB's `DatabaseMigrator`
/// records which ran in `grdb_migrations`). Times are microseconds since 1970 UTC; money is
/// integer cents. The README's "Store schema" section documents every column for analysts.
package enum StoreSchema {
    /// The migrator for every version of the schema.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: logs, visitors, pageviews, sessions, identity, shop data") { db in
            try db.execute(sql: """
                CREATE TABLE settings(
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL);
                CREATE TABLE log_files(
                    id INTEGER PRIMARY KEY,
                    head_hash TEXT NOT NULL,
                    head_length INTEGER NOT NULL,
                    path TEXT NOT NULL,
                    file_size INTEGER NOT NULL,
                    file_mtime INTEGER NOT NULL,
                    content_bytes INTEGER NOT NULL,
                    lines INTEGER NOT NULL,
                    parsed INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    format TEXT NOT NULL,
                    updated_at INTEGER NOT NULL);
                CREATE INDEX log_files_head ON log_files(head_length, head_hash);
                CREATE TABLE ingest_runs(
                    id INTEGER PRIMARY KEY,
                    finished_at INTEGER NOT NULL,
                    files_read INTEGER NOT NULL,
                    lines INTEGER NOT NULL,
                    parsed INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    pageviews INTEGER NOT NULL,
                    bot_hits INTEGER NOT NULL);
                CREATE TABLE rejected_lines(
                    run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
                    reason TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY(run_id, reason));
                CREATE TABLE visitors(
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    client TEXT NOT NULL,
                    user_agent TEXT NOT NULL,
                    first_seen INTEGER NOT NULL,
                    last_seen INTEGER NOT NULL,
                    hits INTEGER NOT NULL,
                    asset_hits INTEGER NOT NULL,
                    robots_hits INTEGER NOT NULL,
                    bot_reason TEXT);
                CREATE TABLE pages(
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE);
                CREATE TABLE referrers(
                    id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL UNIQUE);
                CREATE TABLE pageviews(
                    id INTEGER PRIMARY KEY,
                    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
                    ts INTEGER NOT NULL,
                    page_id INTEGER NOT NULL REFERENCES pages(id),
                    query TEXT,
                    referrer_id INTEGER REFERENCES referrers(id),
                    status INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    item TEXT,
                    quantity INTEGER);
                CREATE INDEX pageviews_visitor_ts ON pageviews(visitor_id, ts);
                CREATE TABLE identity_hints(
                    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
                    kind TEXT NOT NULL,
                    value TEXT NOT NULL,
                    bucket INTEGER NOT NULL,
                    ts INTEGER NOT NULL,
                    PRIMARY KEY(visitor_id, kind, value, bucket)) WITHOUT ROWID;
                CREATE TABLE sessions(
                    id INTEGER PRIMARY KEY,
                    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
                    customer_id TEXT,
                    start_ts INTEGER NOT NULL,
                    end_ts INTEGER NOT NULL,
                    pageviews INTEGER NOT NULL,
                    channel TEXT NOT NULL,
                    source TEXT NOT NULL,
                    medium TEXT NOT NULL,
                    campaign TEXT,
                    landing_page_id INTEGER NOT NULL REFERENCES pages(id),
                    exit_page_id INTEGER NOT NULL REFERENCES pages(id),
                    bounced INTEGER NOT NULL,
                    converted INTEGER NOT NULL);
                CREATE INDEX sessions_visitor ON sessions(visitor_id, start_ts);
                CREATE INDEX sessions_customer ON sessions(customer_id, start_ts);
                CREATE INDEX sessions_start ON sessions(start_ts);
                CREATE TABLE bot_traffic(
                    day TEXT NOT NULL,
                    bot TEXT NOT NULL,
                    category TEXT NOT NULL,
                    hits INTEGER NOT NULL,
                    PRIMARY KEY(day, bot)) WITHOUT ROWID;
                CREATE TABLE customers(
                    customer_id TEXT PRIMARY KEY,
                    attributes TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE orders(
                    order_id TEXT NOT NULL,
                    customer_id TEXT NOT NULL,
                    ordered_at INTEGER NOT NULL,
                    sku TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    unit_price_cents INTEGER NOT NULL,
                    PRIMARY KEY(order_id, sku)) WITHOUT ROWID;
                CREATE INDEX orders_customer ON orders(customer_id, ordered_at);
                CREATE TABLE products(
                    sku TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    category TEXT NOT NULL,
                    price_cents INTEGER) WITHOUT ROWID;
                CREATE TABLE ad_spend(
                    date TEXT NOT NULL,
                    source TEXT NOT NULL,
                    medium TEXT NOT NULL,
                    campaign TEXT NOT NULL,
                    cost_cents INTEGER NOT NULL,
                    PRIMARY KEY(date, source, medium, campaign)) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
