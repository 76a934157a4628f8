#include "store/internal/migrations.h"

#include <iterator>

namespace guarantor::store::internal {
namespace {

// Indexes, kept few because each one costs every insert (measured with bench/store_bench):
//   observations: the primary key (sequence), UNIQUE(id) (duplicate detection), time_micros
//     (time-range queries, LatestObservationTime); PostgreSQL adds a GiST index on geom for the
//     bounding box. SQLite has no spatial index: a bounding-box query filters the time range or
//     scans (an (lat, lng) index or an R*Tree was not added, as its insert cost is unmeasured).
//   ingest_batches: UNIQUE(submitted_by, key) for idempotent replay (key NULL when none).
//   users: the primary key and UNIQUE(token_hash). case_events: case_id.
constexpr const char* kSqliteV1[] = {
    R"sql(CREATE TABLE ingest_batches (
  batch          INTEGER PRIMARY KEY,  -- 1, 2, 3, ...
  submitted_by   TEXT NOT NULL,
  key            TEXT,                 -- idempotency key; NULL when the batch had none
  first_sequence INTEGER NOT NULL,
  count          INTEGER NOT NULL,
  committed_at   TEXT NOT NULL,        -- RFC 3339 UTC
  UNIQUE (submitted_by, key)
))sql",
    R"sql(CREATE TABLE observations (
  sequence       INTEGER PRIMARY KEY,  -- 1, 2, 3, ... in commit order, no gaps
  id             TEXT NOT NULL UNIQUE,
  time_micros    INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  source_id      TEXT NOT NULL,
  source_type    TEXT NOT NULL,
  lat            REAL NOT NULL,
  lng            REAL NOT NULL,
  owner          TEXT NOT NULL,
  classification INTEGER NOT NULL,     -- Classification, persisted by number
  record         TEXT NOT NULL,        -- the JSON object as received
  batch          INTEGER NOT NULL REFERENCES ingest_batches (batch)
))sql",   "CREATE INDEX observations_time ON observations (time_micros)",
    R"sql(CREATE TABLE users (
  id           TEXT PRIMARY KEY,
  role         TEXT NOT NULL,
  organisation TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,   -- hex SHA-256 of the token
  created_at   TEXT NOT NULL
))sql",
    R"sql(CREATE TABLE case_events (
  sequence  INTEGER PRIMARY KEY,       -- 1, 2, 3, ... in commit order
  case_id   TEXT NOT NULL,
  kind      INTEGER NOT NULL,          -- CaseEventKind, persisted by number
  user_id   TEXT NOT NULL,
  at        TEXT NOT NULL,
  decision  TEXT NOT NULL,
  rationale TEXT NOT NULL,
  remedy    TEXT NOT NULL
))sql",    "CREATE INDEX case_events_case ON case_events (case_id)",
};

// The same schema in PostgreSQL types. Sequences are BIGINT assigned by the store (max + 1 under
// a table lock), not BIGSERIAL: a PostgreSQL sequence leaves gaps on rollback and hands out
// numbers in start order rather than commit order. geom is generated from (lat, lng) so that it
// cannot disagree with them.
constexpr const char* kPostgresV1[] = {
    "CREATE EXTENSION IF NOT EXISTS postgis",
    R"sql(CREATE TABLE ingest_batches (
  batch          BIGINT PRIMARY KEY,
  submitted_by   TEXT NOT NULL,
  key            TEXT,
  first_sequence BIGINT NOT NULL,
  count          BIGINT NOT NULL,
  committed_at   TEXT NOT NULL,
  UNIQUE (submitted_by, key)
))sql",
    R"sql(CREATE TABLE observations (
  sequence       BIGINT PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  time_micros    BIGINT NOT NULL,
  kind           TEXT NOT NULL,
  source_id      TEXT NOT NULL,
  source_type    TEXT NOT NULL,
  lat            DOUBLE PRECISION NOT NULL,
  lng            DOUBLE PRECISION NOT NULL,
  owner          TEXT NOT NULL,
  classification SMALLINT NOT NULL,
  record         TEXT NOT NULL,
  batch          BIGINT NOT NULL REFERENCES ingest_batches (batch),
  geom           geometry(Point, 4326)
                 GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lng, lat), 4326)) STORED
))sql",
    "CREATE INDEX observations_time ON observations (time_micros)",
    "CREATE INDEX observations_geom ON observations USING GIST (geom)",
    R"sql(CREATE TABLE users (
  id           TEXT PRIMARY KEY,
  role         TEXT NOT NULL,
  organisation TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL
))sql",
    R"sql(CREATE TABLE case_events (
  sequence  BIGINT PRIMARY KEY,
  case_id   TEXT NOT NULL,
  kind      SMALLINT NOT NULL,
  user_id   TEXT NOT NULL,
  at        TEXT NOT NULL,
  decision  TEXT NOT NULL,
  rationale TEXT NOT NULL,
  remedy    TEXT NOT NULL
))sql",
    "CREATE INDEX case_events_case ON case_events (case_id)",
};

// Version 2: monitoring gaps (obstruction reports, few: no index beyond the keys) and token
// revocation.
constexpr const char* kSqliteV2[] = {
    R"sql(CREATE TABLE monitoring_gaps (
  sequence       INTEGER PRIMARY KEY,  -- 1, 2, 3, ... in commit order
  id             TEXT NOT NULL UNIQUE,
  start_micros   INTEGER NOT NULL,
  end_micros     INTEGER NOT NULL,
  lat            REAL NOT NULL,        -- centre
  lng            REAL NOT NULL,
  radius_km      REAL NOT NULL,
  owner          TEXT NOT NULL,
  classification INTEGER NOT NULL,     -- Classification, persisted by number
  record         TEXT NOT NULL         -- the JSON object as received
))sql",
    "ALTER TABLE users ADD COLUMN revoked_at TEXT NOT NULL DEFAULT ''",
};

constexpr const char* kPostgresV2[] = {
    R"sql(CREATE TABLE monitoring_gaps (
  sequence       BIGINT PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  start_micros   BIGINT NOT NULL,
  end_micros     BIGINT NOT NULL,
  lat            DOUBLE PRECISION NOT NULL,
  lng            DOUBLE PRECISION NOT NULL,
  radius_km      DOUBLE PRECISION NOT NULL,
  owner          TEXT NOT NULL,
  classification SMALLINT NOT NULL,
  record         TEXT NOT NULL
))sql",
    "ALTER TABLE users ADD COLUMN revoked_at TEXT NOT NULL DEFAULT ''",
};

// Version 3: which case a case event was recorded on (CaseEvent::case_sha256). Empty for the
// events stored before, which the server applies to the case of their id as it did.
constexpr const char* kV3[] = {
    "ALTER TABLE case_events ADD COLUMN case_sha256 TEXT NOT NULL DEFAULT ''",
};

// Version 4: the deadline a decision sets for its remedy (CaseEvent::remedy_due). Empty for the
// events stored before, which set none.
constexpr const char* kV4[] = {
    "ALTER TABLE case_events ADD COLUMN remedy_due TEXT NOT NULL DEFAULT ''",
};

// Version 5: where the monitoring assets stood (asset placements: few, like gaps; an asset has
// one placement per start).
constexpr const char* kSqliteV5[] = {
    R"sql(CREATE TABLE asset_placements (
  sequence       INTEGER PRIMARY KEY,  -- 1, 2, 3, ... in commit order
  id             TEXT NOT NULL,        -- the asset's
  source_type    TEXT NOT NULL,
  start_micros   INTEGER NOT NULL,
  end_micros     INTEGER NOT NULL,
  lat            REAL NOT NULL,        -- position
  lng            REAL NOT NULL,
  range_km       REAL NOT NULL,
  owner          TEXT NOT NULL,
  classification INTEGER NOT NULL,     -- Classification, persisted by number
  record         TEXT NOT NULL,        -- the JSON object as received
  UNIQUE (id, start_micros)
))sql",
};

constexpr const char* kPostgresV5[] = {
    R"sql(CREATE TABLE asset_placements (
  sequence       BIGINT PRIMARY KEY,
  id             TEXT NOT NULL,
  source_type    TEXT NOT NULL,
  start_micros   BIGINT NOT NULL,
  end_micros     BIGINT NOT NULL,
  lat            DOUBLE PRECISION NOT NULL,
  lng            DOUBLE PRECISION NOT NULL,
  range_km       DOUBLE PRECISION NOT NULL,
  owner          TEXT NOT NULL,
  classification SMALLINT NOT NULL,
  record         TEXT NOT NULL,
  UNIQUE (id, start_micros)
))sql",
};

// Version 6: the party an attributed decision holds responsible (CaseEvent::party). Empty for the
// events stored before, which confirmed the engine's attribution.
constexpr const char* kV6[] = {
    "ALTER TABLE case_events ADD COLUMN party TEXT NOT NULL DEFAULT ''",
};

constexpr Migration kSqlite[] = {{1, kSqliteV1}, {2, kSqliteV2}, {3, kV3},
                                 {4, kV4},       {5, kSqliteV5}, {6, kV6}};
constexpr Migration kPostgres[] = {{1, kPostgresV1}, {2, kPostgresV2}, {3, kV3},
                                   {4, kV4},         {5, kPostgresV5}, {6, kV6}};
static_assert(std::size(kSqlite) == std::size(kPostgres), "both backends know the same versions");

}  // namespace

std::span<const Migration> Migrations(Backend backend) {
  return backend == Backend::kSqlite ? std::span<const Migration>(kSqlite)
                                     : std::span<const Migration>(kPostgres);
}

int CurrentSchemaVersion() { return static_cast<int>(std::size(kSqlite)); }

std::string_view CreateSchemaMigrationsTable() {
  // The same text in both dialects.
  return "CREATE TABLE IF NOT EXISTS schema_migrations ("
         "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";
}

}  // namespace guarantor::store::internal
