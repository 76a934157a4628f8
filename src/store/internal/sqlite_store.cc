#include "store/internal/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "base/sqlite_statement.h"
#include "store/internal/backend_common.h"
#include "store/internal/migrations.h"
#include "store/internal/observation_filter.h"
#include "store/internal/wal_checkpointer.h"

namespace guarantor::store::internal {
namespace {

constexpr char kFileName[] = "guarantor.db";
constexpr int kBusyTimeoutMillis = 10'000;
// Read connections kept open between queries. Opening one costs a file open and a cold page
// cache, so a server answering many queries at once keeps as many as it usually runs.
constexpr size_t kMaxIdleReaders = 64;

constexpr char kObservationColumns[] =
    "sequence, id, time_micros, kind, source_id, source_type, lat, lng, owner, classification, "
    "record";
constexpr char kUserColumns[] = "id, role, organisation, token_hash, created_at, revoked_at";
constexpr char kCaseEventColumns[] =
    "sequence, case_id, kind, user_id, at, decision, rationale, remedy, case_sha256, remedy_due, "
    "party";

using Db = SqliteConnection;

using Statement = SqliteStatement;
using Transaction = SqliteTransaction;

void BindValue(Statement& s, int i, const SqlValue& v) {
  std::visit([&](const auto& x) { s.Bind(i, x); }, v);
}

StoredObservation ReadObservation(Statement& s) {
  StoredObservation o;
  o.sequence = s.Int(0);
  o.id = s.Text(1);
  o.time_micros = s.Int(2);
  o.kind = s.Text(3);
  o.source_id = s.Text(4);
  o.source_type = s.Text(5);
  o.lat = s.Double(6);
  o.lng = s.Double(7);
  o.owner = s.Text(8);
  o.classification = static_cast<Classification>(s.Int(9));
  o.record = s.Text(10);
  return o;
}

StoredGap ReadGap(Statement& s) {
  StoredGap g;
  g.sequence = s.Int(0);
  g.id = s.Text(1);
  g.start_micros = s.Int(2);
  g.end_micros = s.Int(3);
  g.lat = s.Double(4);
  g.lng = s.Double(5);
  g.radius_km = s.Double(6);
  g.owner = s.Text(7);
  g.classification = static_cast<Classification>(s.Int(8));
  g.record = s.Text(9);
  return g;
}

StoredAssetPlacement ReadPlacement(Statement& s) {
  StoredAssetPlacement p;
  p.sequence = s.Int(0);
  p.id = s.Text(1);
  p.source_type = s.Text(2);
  p.start_micros = s.Int(3);
  p.end_micros = s.Int(4);
  p.lat = s.Double(5);
  p.lng = s.Double(6);
  p.range_km = s.Double(7);
  p.owner = s.Text(8);
  p.classification = static_cast<Classification>(s.Int(9));
  p.record = s.Text(10);
  return p;
}

User ReadUser(Statement& s) {
  return User{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
}

CaseEvent ReadCaseEvent(Statement& s) {
  CaseEvent e;
  e.sequence = s.Int(0);
  e.case_id = s.Text(1);
  e.kind = static_cast<CaseEventKind>(s.Int(2));
  e.user = s.Text(3);
  e.at = s.Text(4);
  e.decision = s.Text(5);
  e.rationale = s.Text(6);
  e.remedy = s.Text(7);
  e.case_sha256 = s.Text(8);
  e.remedy_due = s.Text(9);
  e.party = s.Text(10);
  return e;
}

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& dir);
  ~SqliteStore() override {
    // The checkpointer goes first: the writer's WAL hook points at it.
    if (writer_ != nullptr) sqlite3_wal_hook(writer_.get(), nullptr, nullptr);
    checkpointer_.reset();
  }

  Result<int> SchemaVersion() override;
  Result<IngestReceipt> AppendObservations(const IngestBatch& batch) override;
  Result<std::vector<StoredObservation>> QueryObservations(const ObservationQuery& query) override;
  Result<int64_t> CountObservations(const ObservationQuery& query) override;
  Status ScanObservations(int64_t after_sequence,
                          const std::function<bool(const StoredObservation&)>& visit) override;
  Result<int64_t> LastSequence() override;
  Result<std::optional<int64_t>> LatestObservationTime() override;
  Result<CoverageReceipt> AppendGaps(const std::vector<StoredGap>& gaps) override;
  Result<std::vector<StoredGap>> QueryGaps(const CoverageQuery& query) override;
  Result<CoverageReceipt> AppendAssetPlacements(
      const std::vector<StoredAssetPlacement>& placements) override;
  Result<std::vector<StoredAssetPlacement>> QueryAssetPlacements(
      const CoverageQuery& query) override;
  Status AddUser(const User& user) override;
  Status RevokeUser(std::string_view id, std::string_view at) override;
  Result<std::optional<User>> FindUserByTokenHash(std::string_view token_hash) override;
  Result<std::vector<User>> ListUsers() override;
  Result<CaseEvent> AppendCaseEvent(
      const CaseEvent& event,
      const std::function<Status(const std::vector<CaseEvent>& so_far)>& precondition) override;
  Result<std::vector<CaseEvent>> CaseEvents(std::string_view case_id) override;
  Result<std::vector<CaseEvent>> AllCaseEvents(int64_t after_sequence) override;

 private:
  // A read-only connection with the statements of the frequent queries kept prepared on it
  // (preparing one costs about as much as reading a page of observations).
  class ReaderConnection {
   public:
    explicit ReaderConnection(Db db) : db_(std::move(db)) {}
    ~ReaderConnection() {
      for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    }
    ReaderConnection(const ReaderConnection&) = delete;
    ReaderConnection& operator=(const ReaderConnection&) = delete;

    sqlite3* get() const { return db_.get(); }
    // `sql` prepared on this connection, or null when it does not prepare (sqlite3_errmsg
    // says why). The statement stays owned here: use it through Statement(Borrowed, ...).
    sqlite3_stmt* Prepared(const std::string& sql);

   private:
    // Query shapes are few (which filters are present; values are bound), so the cache stays
    // small; it is emptied should it ever pass kMaxStatements.
    static constexpr size_t kMaxStatements = 64;
    Db db_;  // declared first: closed after the statements are finalised
    absl::flat_hash_map<std::string, sqlite3_stmt*> statements_;
  };

  // A read-only connection borrowed from the pool, returned to it on destruction.
  class Reader {
   public:
    Reader(SqliteStore* store, std::unique_ptr<ReaderConnection> connection)
        : store_(store), connection_(std::move(connection)) {}
    Reader(Reader&&) = default;
    ~Reader() {
      if (connection_ != nullptr) store_->ReturnReader(std::move(connection_));
    }
    sqlite3* get() const { return connection_->get(); }
    sqlite3_stmt* Prepared(const std::string& sql) { return connection_->Prepared(sql); }

   private:
    SqliteStore* store_;
    std::unique_ptr<ReaderConnection> connection_;
  };

  explicit SqliteStore(std::string path) : path_(std::move(path)) {}

  Result<Db> Connect(int flags) const;
  Result<Reader> AcquireReader();
  void ReturnReader(std::unique_ptr<ReaderConnection> connection);
  Status Error(sqlite3* db, const std::string& what) const {
    return Status::IoError(path_ + ": " + what + ": " + sqlite3_errmsg(db));
  }
  Status Exec(sqlite3* db, const char* sql) const;
  Result<int64_t> SelectInt(sqlite3* db, const char* sql) const;  // first column of one row
  // The text of the first column of the bound statement's one row; none when it has no row.
  Result<std::optional<std::string>> StoredText(sqlite3* db, Statement& bound,
                                                const std::string& what) const;
  // Appends gaps or asset placements (AppendGaps, AppendAssetPlacements).
  template <typename Row>
  Result<CoverageReceipt> AppendCoverage(const CoverageTable<Row>& table,
                                         const std::vector<Row>& rows);
  // The rows of `table` that `query` selects.
  template <typename Row>
  Result<std::vector<Row>> QueryCoverage(const CoverageTable<Row>& table,
                                         const CoverageQuery& query, Row (*read)(Statement&));
  Status Migrate();
  Result<std::optional<IngestReceipt>> FindBatch(const IngestBatch& batch);
  Result<std::vector<CaseEvent>> SelectCaseEvents(sqlite3* db, const char* where,
                                                  const SqlValue& value);

  const std::string path_;
  std::mutex write_mutex_;  // guards writer_ and insert_observation_
  std::unique_ptr<WalCheckpointer> checkpointer_;
  Db writer_;
  std::unique_ptr<Statement> insert_observation_;  // prepared once on writer_, reused
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<ReaderConnection>> idle_readers_;  // guarded by readers_mutex_
};

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": cannot create the data directory: " + ec.message());
  std::unique_ptr<SqliteStore> store(new SqliteStore((std::filesystem::path(dir) / kFileName)));
  ASSIGN_OR_RETURN(store->writer_, store->Connect(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  sqlite3* db = store->writer_.get();
  // 16 KiB pages (for a new file; an existing one keeps its own): observation rows are ~400
  // bytes, and larger pages make the B-trees shallower and each batch's WAL frames fewer.
  // Measured with bench/store_bench: 250 k obs/s against 192 k with the default 4 KiB.
  RETURN_IF_ERROR(store->Exec(db, "PRAGMA page_size=16384"));
  // WAL: readers do not block the writer; synchronous=FULL: a commit is fsynced before it returns.
  {
    Statement wal(db, "PRAGMA journal_mode=WAL");
    if (!wal.prepared() || wal.Step() != SQLITE_ROW || wal.Text(0) != "wal") {
      return store->Error(db, "cannot switch the journal to WAL mode");
    }
  }
  RETURN_IF_ERROR(store->Exec(db, "PRAGMA synchronous=FULL"));
  // 64 MiB of page cache for the writer: the UNIQUE(id) and time indexes take random inserts,
  // which the default 2 MiB turns into page reads once the file is a few hundred MB.
  RETURN_IF_ERROR(store->Exec(db, "PRAGMA cache_size=-65536"));
  RETURN_IF_ERROR(store->Migrate());
  // Checkpoints off the commit path (WalCheckpointer): +7 % in bench/store_bench against
  // SQLite's automatic checkpoint at its default 1000 pages (docs/benchmarks.md).
  ASSIGN_OR_RETURN(Db checkpoint_connection, store->Connect(SQLITE_OPEN_READWRITE));
  store->checkpointer_ = std::make_unique<WalCheckpointer>(std::move(checkpoint_connection));
  sqlite3_wal_hook(db, &WalCheckpointer::OnCommit, store->checkpointer_.get());
  store->insert_observation_ = std::make_unique<Statement>(
      db,
      "INSERT INTO observations (sequence, id, time_micros, kind, source_id, source_type, lat, "
      "lng, owner, classification, record, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!store->insert_observation_->prepared()) return store->Error(db, "cannot prepare insert");
  return std::unique_ptr<Store>(std::move(store));
}

Result<Db> SqliteStore::Connect(int flags) const {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path_.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return Status::IoError(path_ + ": cannot open the store database: " +
                           (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(raw, kBusyTimeoutMillis);
  sqlite3_extended_result_codes(raw, 1);
  RETURN_IF_ERROR(Exec(raw, "PRAGMA foreign_keys=ON"));
  return db;
}

Result<SqliteStore::Reader> SqliteStore::AcquireReader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<ReaderConnection> connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return Reader(this, std::move(connection));
    }
  }
  ASSIGN_OR_RETURN(Db db, Connect(SQLITE_OPEN_READONLY));
  return Reader(this, std::make_unique<ReaderConnection>(std::move(db)));
}

void SqliteStore::ReturnReader(std::unique_ptr<ReaderConnection> connection) {
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(connection));
}

sqlite3_stmt* SqliteStore::ReaderConnection::Prepared(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
    sqlite3_finalize(statement);
    return nullptr;
  }
  if (statements_.size() >= kMaxStatements) {
    for (auto& [text, kept] : statements_) sqlite3_finalize(kept);
    statements_.clear();
  }
  statements_.emplace(sql, statement);
  return statement;
}

Status SqliteStore::Exec(sqlite3* db, const char* sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return Status::IoError(path_ + ": " + text);
  }
  return Status::Ok();
}

Result<int64_t> SqliteStore::SelectInt(sqlite3* db, const char* sql) const {
  Statement s(db, sql);
  if (!s.prepared() || s.Step() != SQLITE_ROW) return Error(db, std::string("cannot run ") + sql);
  return s.Int(0);
}

Status SqliteStore::Migrate() {
  sqlite3* db = writer_.get();
  RETURN_IF_ERROR(Exec(db, std::string(CreateSchemaMigrationsTable()).c_str()));
  for (const Migration& migration : Migrations(Backend::kSqlite)) {
    // IMMEDIATE takes the write lock before reading the version: two processes opening a new
    // file at once cannot both apply the same migration.
    RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
    Transaction transaction(db);
    ASSIGN_OR_RETURN(int64_t version,
                     SelectInt(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (version > CurrentSchemaVersion()) {
      return Status::FailedPrecondition(
          path_ + ": the store is at schema version " + std::to_string(version) +
          ", newer than this build knows (" + std::to_string(CurrentSchemaVersion()) +
          "): it was written by a newer guarantor");
    }
    if (version >= migration.version) continue;  // rolled back: nothing was written
    for (const char* sql : migration.statements) RETURN_IF_ERROR(Exec(db, sql));
    Statement record(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    const std::string now = NowRfc3339();
    record.Bind(1, static_cast<int64_t>(migration.version));
    record.Bind(2, now);
    if (!record.prepared() || record.Step() != SQLITE_DONE || !transaction.Commit()) {
      return Error(db, "cannot apply schema version " + std::to_string(migration.version));
    }
  }
  return Status::Ok();
}

Result<int> SqliteStore::SchemaVersion() {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  ASSIGN_OR_RETURN(int64_t version, SelectInt(reader.get(),
                                              "SELECT COALESCE(MAX(version), 0) "
                                              "FROM schema_migrations"));
  return static_cast<int>(version);
}

Result<std::optional<IngestReceipt>> SqliteStore::FindBatch(const IngestBatch& batch) {
  sqlite3* db = writer_.get();
  Statement find(db,
                 "SELECT batch, first_sequence, count FROM ingest_batches "
                 "WHERE submitted_by = ? AND key = ?");
  if (!find.prepared()) return Error(db, "cannot look up the idempotency key");
  find.Bind(1, batch.submitted_by);
  find.Bind(2, batch.key);
  const int rc = find.Step();
  if (rc == SQLITE_DONE) return std::optional<IngestReceipt>();
  if (rc != SQLITE_ROW) return Error(db, "cannot look up the idempotency key");
  return std::optional<IngestReceipt>(IngestReceipt{find.Int(0), find.Int(1), find.Int(2), true});
}

Result<IngestReceipt> SqliteStore::AppendObservations(const IngestBatch& batch) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_.get();
  RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  Transaction transaction(db);
  if (!batch.key.empty()) {
    ASSIGN_OR_RETURN(std::optional<IngestReceipt> earlier, FindBatch(batch));
    if (earlier) return *earlier;  // rolled back: nothing written
  }
  ASSIGN_OR_RETURN(int64_t last_sequence,
                   SelectInt(db, "SELECT COALESCE(MAX(sequence), 0) FROM observations"));
  ASSIGN_OR_RETURN(int64_t last_batch,
                   SelectInt(db, "SELECT COALESCE(MAX(batch), 0) FROM ingest_batches"));
  const IngestReceipt receipt{last_batch + 1, last_sequence + 1,
                              static_cast<int64_t>(batch.observations.size()), false};
  {
    Statement insert(db,
                     "INSERT INTO ingest_batches (batch, submitted_by, key, first_sequence, count, "
                     "committed_at) VALUES (?, ?, ?, ?, ?, ?)");
    const std::string now = NowRfc3339();
    insert.Bind(1, receipt.batch);
    insert.Bind(2, batch.submitted_by);
    if (batch.key.empty()) {
      insert.BindNull(3);
    } else {
      insert.Bind(3, batch.key);
    }
    insert.Bind(4, receipt.first_sequence);
    insert.Bind(5, receipt.count);
    insert.Bind(6, now);
    if (!insert.prepared() || insert.Step() != SQLITE_DONE) {
      return Error(db, "cannot record the batch");
    }
  }
  Statement& insert = *insert_observation_;
  for (size_t i = 0; i < batch.observations.size(); ++i) {
    const StoredObservation& o = batch.observations[i];
    insert.Bind(1, receipt.first_sequence + static_cast<int64_t>(i));
    insert.BindInPlace(2, o.id);
    insert.Bind(3, o.time_micros);
    insert.BindInPlace(4, o.kind);
    insert.BindInPlace(5, o.source_id);
    insert.BindInPlace(6, o.source_type);
    insert.Bind(7, o.lat);
    insert.Bind(8, o.lng);
    insert.BindInPlace(9, o.owner);
    insert.Bind(10, static_cast<int64_t>(o.classification));
    insert.BindInPlace(11, o.record);
    insert.Bind(12, receipt.batch);
    const int rc = insert.Step();
    insert.Reset();
    if (rc == SQLITE_CONSTRAINT_UNIQUE) return DuplicateObservationError(batch, i);
    if (rc != SQLITE_DONE) {
      return Error(db, "cannot store record " + std::to_string(i) + " (id \"" + o.id + "\")");
    }
  }
  if (!transaction.Commit()) return Error(db, "cannot commit the batch");
  return receipt;
}

Result<std::vector<StoredObservation>> SqliteStore::QueryObservations(
    const ObservationQuery& query) {
  const ObservationFilter filter = BuildObservationFilter(query, Backend::kSqlite, true);
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  Statement s(Statement::Borrowed{},
              reader.Prepared(std::string("SELECT ") + kObservationColumns +
                              " FROM observations WHERE " + filter.where + filter.tail));
  if (!s.prepared()) return Error(reader.get(), "cannot prepare the query");
  for (size_t i = 0; i < filter.values.size(); ++i)
    BindValue(s, static_cast<int>(i + 1), filter.values[i]);
  std::vector<StoredObservation> rows;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) rows.push_back(ReadObservation(s));
  if (rc != SQLITE_DONE) return Error(reader.get(), "cannot query observations");
  return rows;
}

Result<int64_t> SqliteStore::CountObservations(const ObservationQuery& query) {
  const ObservationFilter filter = BuildObservationFilter(query, Backend::kSqlite, false);
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  const std::string rows =
      "SELECT 1 FROM observations WHERE " + filter.where +
      (query.count_limit > 0 ? " LIMIT " + std::to_string(query.count_limit) : std::string());
  Statement s(Statement::Borrowed{}, reader.Prepared("SELECT COUNT(*) FROM (" + rows + ")"));
  if (!s.prepared()) return Error(reader.get(), "cannot prepare the count");
  for (size_t i = 0; i < filter.values.size(); ++i)
    BindValue(s, static_cast<int>(i + 1), filter.values[i]);
  if (s.Step() != SQLITE_ROW) return Error(reader.get(), "cannot count observations");
  return s.Int(0);
}

Status SqliteStore::ScanObservations(int64_t after_sequence,
                                     const std::function<bool(const StoredObservation&)>& visit) {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  Statement s(reader.get(), std::string("SELECT ") + kObservationColumns +
                                " FROM observations WHERE sequence > ? ORDER BY sequence");
  if (!s.prepared()) return Error(reader.get(), "cannot prepare the scan");
  s.Bind(1, after_sequence);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    if (!visit(ReadObservation(s))) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return Error(reader.get(), "cannot scan observations");
  return Status::Ok();
}

Result<int64_t> SqliteStore::LastSequence() {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  return SelectInt(reader.get(), "SELECT COALESCE(MAX(sequence), 0) FROM observations");
}

Result<std::optional<int64_t>> SqliteStore::LatestObservationTime() {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  Statement s(reader.get(), "SELECT MAX(time_micros) FROM observations");
  if (!s.prepared() || s.Step() != SQLITE_ROW) {
    return Error(reader.get(), "cannot read the latest observation time");
  }
  if (s.IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(s.Int(0));
}

Status SqliteStore::AddUser(const User& user) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_.get();
  Statement s(db,
              "INSERT INTO users (id, role, organisation, token_hash, created_at) "
              "VALUES (?, ?, ?, ?, ?)");
  if (!s.prepared()) return Error(db, "cannot prepare the user insert");
  s.Bind(1, user.id);
  s.Bind(2, user.role);
  s.Bind(3, user.organisation);
  s.Bind(4, user.token_hash);
  s.Bind(5, user.created_at);
  const int rc = s.Step();
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Status::InvalidArgument("user \"" + user.id + "\": a user with this id exists");
  }
  if (rc == SQLITE_CONSTRAINT_UNIQUE) {
    return Status::InvalidArgument("user \"" + user.id +
                                   "\": the token hash belongs to another user");
  }
  if (rc != SQLITE_DONE) return Error(db, "cannot add user \"" + user.id + "\"");
  return Status::Ok();
}

Result<std::optional<User>> SqliteStore::FindUserByTokenHash(std::string_view token_hash) {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  Statement s(reader.get(),
              std::string("SELECT ") + kUserColumns + " FROM users WHERE token_hash = ?");
  if (!s.prepared()) return Error(reader.get(), "cannot prepare the user lookup");
  s.Bind(1, token_hash);
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<User>();
  if (rc != SQLITE_ROW) return Error(reader.get(), "cannot look up the user");
  return std::optional<User>(ReadUser(s));
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  Statement s(reader.get(), std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id");
  if (!s.prepared()) return Error(reader.get(), "cannot prepare the user list");
  std::vector<User> users;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    users.push_back(ReadUser(s));
  }
  if (rc != SQLITE_DONE) return Error(reader.get(), "cannot list users");
  return users;
}

Status SqliteStore::RevokeUser(std::string_view id, std::string_view at) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_.get();
  Statement s(db, "UPDATE users SET revoked_at = ? WHERE id = ? AND revoked_at = ''");
  if (!s.prepared()) return Error(db, "cannot prepare the revocation");
  s.Bind(1, std::string(at));
  s.Bind(2, std::string(id));
  if (s.Step() != SQLITE_DONE) return Error(db, "cannot revoke user \"" + std::string(id) + "\"");
  if (sqlite3_changes(db) > 0) return Status::Ok();
  Statement known(db, "SELECT 1 FROM users WHERE id = ?");
  if (!known.prepared()) return Error(db, "cannot prepare the user lookup");
  known.Bind(1, std::string(id));
  if (known.Step() != SQLITE_ROW)
    return Status::NotFound("user \"" + std::string(id) + "\": no such user");
  return Status::Ok();  // revoked before
}

Result<std::optional<std::string>> SqliteStore::StoredText(sqlite3* db, Statement& bound,
                                                           const std::string& what) const {
  const int rc = bound.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return Error(db, "cannot look up " + what);
  return std::optional<std::string>(bound.Text(0));
}

template <typename Row>
Result<std::vector<Row>> SqliteStore::QueryCoverage(const CoverageTable<Row>& table,
                                                    const CoverageQuery& query,
                                                    Row (*read)(Statement&)) {
  const ObservationFilter filter = BuildCoverageFilter(query, Backend::kSqlite);
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  Statement s(reader.get(), std::string("SELECT ") + table.columns + " FROM " + table.table +
                                " WHERE " + filter.where + filter.tail);
  if (!s.prepared()) {
    return Error(reader.get(), std::string("cannot prepare a query of ") + table.table);
  }
  for (size_t i = 0; i < filter.values.size(); ++i)
    BindValue(s, static_cast<int>(i + 1), filter.values[i]);
  std::vector<Row> rows;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) rows.push_back(read(s));
  if (rc != SQLITE_DONE) return Error(reader.get(), std::string("cannot query ") + table.table);
  return rows;
}

template <typename Row>
Result<CoverageReceipt> SqliteStore::AppendCoverage(const CoverageTable<Row>& table,
                                                    const std::vector<Row>& rows) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_.get();
  RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  Transaction transaction(db);
  const std::string name = table.table;
  ASSIGN_OR_RETURN(int64_t last,
                   SelectInt(db, ("SELECT COALESCE(MAX(sequence), 0) FROM " + name).c_str()));
  const CoverageStatements sql =
      CoverageStatementsFor(table.table, table.columns, table.key_where, Backend::kSqlite);
  Statement find(db, sql.find);
  Statement insert(db, sql.insert);
  if (!find.prepared() || !insert.prepared()) {
    return Error(db, "cannot prepare the insert into " + name);
  }
  const std::vector<std::string> keys = table.keys(rows);
  ASSIGN_OR_RETURN(std::vector<CoverageVerdict> verdicts,
                   ClassifyCoverage(table.noun, keys, RecordsOf(rows), [&](size_t i) {
                     find.Reset();
                     const std::vector<SqlValue> key = table.key(rows[i]);
                     for (size_t k = 0; k < key.size(); ++k) {
                       BindValue(find, static_cast<int>(k + 1), key[k]);
                     }
                     return StoredText(db, find, std::string(table.noun) + " " + keys[i]);
                   }));
  CoverageReceipt receipt;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (verdicts[i] == CoverageVerdict::kUnchanged) {
      ++receipt.unchanged;
      continue;
    }
    insert.Reset();
    insert.Bind(1, ++last);
    const std::vector<SqlValue> values = table.values(rows[i]);
    for (size_t v = 0; v < values.size(); ++v) {
      BindValue(insert, static_cast<int>(v + 2), values[v]);
    }
    if (insert.Step() != SQLITE_DONE) {
      return Error(db, "cannot store " + std::string(table.noun) + " " + keys[i]);
    }
    ++receipt.stored;
  }
  if (!transaction.Commit()) return Error(db, "cannot commit the rows of " + name);
  return receipt;
}

Result<CoverageReceipt> SqliteStore::AppendGaps(const std::vector<StoredGap>& gaps) {
  return AppendCoverage(kGapTable, gaps);
}

Result<std::vector<StoredGap>> SqliteStore::QueryGaps(const CoverageQuery& query) {
  return QueryCoverage(kGapTable, query, ReadGap);
}

Result<CoverageReceipt> SqliteStore::AppendAssetPlacements(
    const std::vector<StoredAssetPlacement>& placements) {
  return AppendCoverage(kPlacementTable, placements);
}

Result<std::vector<StoredAssetPlacement>> SqliteStore::QueryAssetPlacements(
    const CoverageQuery& query) {
  return QueryCoverage(kPlacementTable, query, ReadPlacement);
}

Result<std::vector<CaseEvent>> SqliteStore::SelectCaseEvents(sqlite3* db, const char* where,
                                                             const SqlValue& value) {
  Statement s(db, std::string("SELECT ") + kCaseEventColumns + " FROM case_events WHERE " + where +
                      " ORDER BY sequence");
  if (!s.prepared()) return Error(db, "cannot prepare the case event query");
  BindValue(s, 1, value);
  std::vector<CaseEvent> events;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) events.push_back(ReadCaseEvent(s));
  if (rc != SQLITE_DONE) return Error(db, "cannot read case events");
  return events;
}

Result<CaseEvent> SqliteStore::AppendCaseEvent(
    const CaseEvent& event,
    const std::function<Status(const std::vector<CaseEvent>& so_far)>& precondition) {
  std::lock_guard lock(write_mutex_);
  sqlite3* db = writer_.get();
  RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  Transaction transaction(db);
  ASSIGN_OR_RETURN(std::vector<CaseEvent> so_far,
                   SelectCaseEvents(db, "case_id = ?", SqlValue(event.case_id)));
  RETURN_IF_ERROR(precondition(so_far));
  ASSIGN_OR_RETURN(int64_t last,
                   SelectInt(db, "SELECT COALESCE(MAX(sequence), 0) FROM case_events"));
  CaseEvent stored = event;
  stored.sequence = last + 1;
  Statement s(db, std::string("INSERT INTO case_events (") + kCaseEventColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!s.prepared()) return Error(db, "cannot prepare the case event insert");
  s.Bind(1, stored.sequence);
  s.Bind(2, stored.case_id);
  s.Bind(3, static_cast<int64_t>(stored.kind));
  s.Bind(4, stored.user);
  s.Bind(5, stored.at);
  s.Bind(6, stored.decision);
  s.Bind(7, stored.rationale);
  s.Bind(8, stored.remedy);
  s.Bind(9, stored.case_sha256);
  s.Bind(10, stored.remedy_due);
  s.Bind(11, stored.party);
  if (s.Step() != SQLITE_DONE || !transaction.Commit()) {
    return Error(db, "cannot store the case event");
  }
  return stored;
}

Result<std::vector<CaseEvent>> SqliteStore::CaseEvents(std::string_view case_id) {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  return SelectCaseEvents(reader.get(), "case_id = ?", SqlValue(std::string(case_id)));
}

Result<std::vector<CaseEvent>> SqliteStore::AllCaseEvents(int64_t after_sequence) {
  ASSIGN_OR_RETURN(Reader reader, AcquireReader());
  return SelectCaseEvents(reader.get(), "sequence > ?", SqlValue(after_sequence));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& dir) {
  return SqliteStore::Open(dir);
}

}  // namespace guarantor::store::internal
