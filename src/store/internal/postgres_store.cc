#include "store/internal/postgres_store.h"

#include <pqxx/pqxx>

#include <charconv>
#include <mutex>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/internal/backend_common.h"
#include "store/internal/migrations.h"
#include "store/internal/observation_filter.h"

namespace guarantor::store::internal {
namespace {

constexpr size_t kMaxIdleReaders = 4;
constexpr int64_t kScanChunk = 10'000;
// pg_advisory_xact_lock key serialising migrations between processes ("gtstore1").
constexpr int64_t kMigrationLock = 0x6774'7374'6f72'6531;

constexpr char kObservationColumns[] =
    "sequence, id, time_micros, kind, source_id, source_type, lat, lng, owner, classification, "
    "record";
constexpr char kUserColumns[] = "id, role, organisation, token_hash, created_at, revoked_at";
constexpr char kCaseEventColumns[] =
    "sequence, case_id, kind, user_id, at, decision, rationale, remedy, case_sha256, remedy_due, "
    "party";

using Connection = std::unique_ptr<pqxx::connection>;

// Shortest text that reads back as the same double.
std::string FormatDouble(double v) {
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, v);
  return std::string(text, ec == std::errc() ? end : text);
}

std::string ToText(const SqlValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return FormatDouble(*d);
  return std::get<std::string>(v);
}

std::string Text(const pqxx::field& f) { return std::string(f.c_str(), f.size()); }

double Double(const pqxx::field& f) {
  double v = 0;
  std::from_chars(f.c_str(), f.c_str() + f.size(), v);
  return v;
}

StoredObservation ReadObservation(const pqxx::row& r) {
  StoredObservation o;
  o.sequence = r[0].as<int64_t>();
  o.id = Text(r[1]);
  o.time_micros = r[2].as<int64_t>();
  o.kind = Text(r[3]);
  o.source_id = Text(r[4]);
  o.source_type = Text(r[5]);
  o.lat = Double(r[6]);
  o.lng = Double(r[7]);
  o.owner = Text(r[8]);
  o.classification = static_cast<Classification>(r[9].as<int>());
  o.record = Text(r[10]);
  return o;
}

CaseEvent ReadCaseEvent(const pqxx::row& r) {
  CaseEvent e;
  e.sequence = r[0].as<int64_t>();
  e.case_id = Text(r[1]);
  e.kind = static_cast<CaseEventKind>(r[2].as<int>());
  e.user = Text(r[3]);
  e.at = Text(r[4]);
  e.decision = Text(r[5]);
  e.rationale = Text(r[6]);
  e.remedy = Text(r[7]);
  e.case_sha256 = Text(r[8]);
  e.remedy_due = Text(r[9]);
  e.party = Text(r[10]);
  return e;
}

User ReadUser(const pqxx::row& r) {
  return User{Text(r[0]), Text(r[1]), Text(r[2]), Text(r[3]), Text(r[4]), Text(r[5])};
}

StoredGap ReadGap(const pqxx::row& r) {
  StoredGap g;
  g.sequence = r[0].as<int64_t>();
  g.id = Text(r[1]);
  g.start_micros = r[2].as<int64_t>();
  g.end_micros = r[3].as<int64_t>();
  g.lat = Double(r[4]);
  g.lng = Double(r[5]);
  g.radius_km = Double(r[6]);
  g.owner = Text(r[7]);
  g.classification = static_cast<Classification>(r[8].as<int>());
  g.record = Text(r[9]);
  return g;
}

StoredAssetPlacement ReadPlacement(const pqxx::row& r) {
  StoredAssetPlacement p;
  p.sequence = r[0].as<int64_t>();
  p.id = Text(r[1]);
  p.source_type = Text(r[2]);
  p.start_micros = r[3].as<int64_t>();
  p.end_micros = r[4].as<int64_t>();
  p.lat = Double(r[5]);
  p.lng = Double(r[6]);
  p.range_km = Double(r[7]);
  p.owner = Text(r[8]);
  p.classification = static_cast<Classification>(r[9].as<int>());
  p.record = Text(r[10]);
  return p;
}

// The record stored in the first row of `r`, if any.
std::optional<std::string> FirstRecord(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return Text(r[0][0]);
}

// `values` as the texts of parameters (PostgreSQL reads each as its column's type), for
// pqxx::prepare::make_dynamic_params, which refers to them.
std::vector<std::string> ParamTexts(const std::vector<SqlValue>& values) {
  std::vector<std::string> texts;
  texts.reserve(values.size());
  for (const SqlValue& v : values) texts.push_back(ToText(v));
  return texts;
}

// A PostgreSQL text[] literal holding `values`, each quoted and escaped.
std::string TextArrayLiteral(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::string uri) : uri_(std::move(uri)) {}

  Status Migrate();

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
  // Appends gaps or asset placements (AppendGaps, AppendAssetPlacements).
  template <typename Row>
  Result<CoverageReceipt> AppendCoverage(const CoverageTable<Row>& table,
                                         const std::vector<Row>& rows) {
    const std::string name = table.table;
    return WithWriter("appending to " + name, [&](pqxx::connection& c) -> Result<CoverageReceipt> {
      pqxx::work tx(c);
      // Such records are few: one lock for the table keeps sequences gap-free in commit order.
      tx.exec0("LOCK TABLE " + name + " IN EXCLUSIVE MODE");
      const CoverageStatements sql =
          CoverageStatementsFor(table.table, table.columns, table.key_where, Backend::kPostgres);
      ASSIGN_OR_RETURN(std::vector<CoverageVerdict> verdicts,
                       ClassifyCoverage(table.noun, table.keys(rows), RecordsOf(rows),
                                        [&](size_t i) -> Result<std::optional<std::string>> {
                                          const std::vector<std::string> key =
                                              ParamTexts(table.key(rows[i]));
                                          return FirstRecord(tx.exec_params(
                                              sql.find, pqxx::prepare::make_dynamic_params(key)));
                                        }));
      int64_t last = tx.exec1("SELECT COALESCE(MAX(sequence), 0) FROM " + name)[0].as<int64_t>();
      CoverageReceipt receipt;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (verdicts[i] == CoverageVerdict::kUnchanged) {
          ++receipt.unchanged;
          continue;
        }
        std::vector<SqlValue> values = table.values(rows[i]);
        values.insert(values.begin(), SqlValue(++last));
        const std::vector<std::string> texts = ParamTexts(values);
        tx.exec_params0(sql.insert, pqxx::prepare::make_dynamic_params(texts));
        ++receipt.stored;
      }
      tx.commit();
      return receipt;
    });
  }

  // The rows of `table` that `query` selects.
  template <typename Row>
  Result<std::vector<Row>> QueryCoverage(const CoverageTable<Row>& table,
                                         const CoverageQuery& query,
                                         Row (*read)(const pqxx::row&)) {
    const ObservationFilter filter = BuildCoverageFilter(query, Backend::kPostgres);
    const std::vector<std::string> values = ParamTexts(filter.values);
    return WithReader(std::string("querying ") + table.table,
                      [&](pqxx::connection& c) -> Result<std::vector<Row>> {
                        pqxx::nontransaction tx(c);
                        std::vector<Row> rows;
                        for (const pqxx::row& r : tx.exec_params(
                                 std::string("SELECT ") + table.columns + " FROM " + table.table +
                                     " WHERE " + filter.where + filter.tail,
                                 pqxx::prepare::make_dynamic_params(values))) {
                          rows.push_back(read(r));
                        }
                        return rows;
                      });
  }

  Connection Connect(bool writer) const {
    auto c = std::make_unique<pqxx::connection>(uri_);
    pqxx::nontransaction setup(*c);
    // Notices such as "extension postgis already exists, skipping" are not for the log.
    setup.exec0("SET client_min_messages TO warning");
    if (writer) {
      setup.exec0("SET synchronous_commit TO on");  // durable on commit, whatever the default
    } else {
      setup.exec0("SET default_transaction_read_only TO on");
    }
    return c;
  }

  // Runs `f(connection)` on the writer connection under the write mutex, turning every libpqxx
  // exception into a Status; a broken connection is dropped and reopened by the next call.
  template <typename F>
  auto WithWriter(const std::string& what, F&& f)
      -> decltype(f(std::declval<pqxx::connection&>())) {
    std::lock_guard lock(write_mutex_);
    try {
      if (writer_ == nullptr) writer_ = Connect(true);
      return f(*writer_);
    } catch (const pqxx::broken_connection& e) {
      writer_.reset();
      return Status::IoError(what + ": the PostgreSQL connection failed: " + e.what());
    } catch (const std::exception& e) {
      return Status::IoError(what + ": " + e.what());
    }
  }

  // Runs `f(connection)` on a reader connection from the pool, as WithWriter.
  template <typename F>
  auto WithReader(const std::string& what, F&& f)
      -> decltype(f(std::declval<pqxx::connection&>())) {
    Connection c;
    try {
      {
        std::lock_guard lock(readers_mutex_);
        if (!idle_readers_.empty()) {
          c = std::move(idle_readers_.back());
          idle_readers_.pop_back();
        }
      }
      if (c == nullptr) c = Connect(false);
      auto result = f(*c);
      std::lock_guard lock(readers_mutex_);
      if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(c));
      return result;
    } catch (const pqxx::broken_connection& e) {
      return Status::IoError(what + ": the PostgreSQL connection failed: " + e.what());
    } catch (const std::exception& e) {
      return Status::IoError(what + ": " + e.what());
    }
  }

  static Result<std::vector<CaseEvent>> SelectCaseEvents(pqxx::transaction_base& tx,
                                                         const std::string& where,
                                                         const std::string& value) {
    std::vector<CaseEvent> events;
    for (const pqxx::row& r :
         tx.exec_params(std::string("SELECT ") + kCaseEventColumns + " FROM case_events WHERE " +
                            where + " ORDER BY sequence",
                        value)) {
      events.push_back(ReadCaseEvent(r));
    }
    return events;
  }

  Status DuplicateError(pqxx::connection& c, const IngestBatch& batch, const std::string& what);

  const std::string uri_;
  std::mutex write_mutex_;
  Connection writer_;  // guarded by write_mutex_; null until connected or after a failure
  std::mutex readers_mutex_;
  std::vector<Connection> idle_readers_;  // guarded by readers_mutex_
};

Status PostgresStore::Migrate() {
  return WithWriter("migrating the store", [&](pqxx::connection& c) -> Status {
    for (const Migration& migration : Migrations(Backend::kPostgres)) {
      pqxx::work tx(c);
      tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
      tx.exec0(std::string(CreateSchemaMigrationsTable()));
      const int version =
          tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0].as<int>();
      if (version > CurrentSchemaVersion()) {
        return Status::FailedPrecondition(
            "the PostgreSQL store is at schema version " + std::to_string(version) +
            ", newer than this build knows (" + std::to_string(CurrentSchemaVersion()) +
            "): it was written by a newer guarantor");
      }
      if (version >= migration.version) continue;  // rolled back: nothing was written
      for (const char* sql : migration.statements) tx.exec0(sql);
      tx.exec_params0("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                      migration.version, NowRfc3339());
      tx.commit();
    }
    return Status::Ok();
  });
}

Result<int> PostgresStore::SchemaVersion() {
  return WithReader("reading the schema version", [](pqxx::connection& c) -> Result<int> {
    pqxx::nontransaction tx(c);
    return tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0].as<int>();
  });
}

// After a unique violation rolled the batch back: finds the first record whose id repeats one
// before it in the batch or is already stored.
Status PostgresStore::DuplicateError(pqxx::connection& c, const IngestBatch& batch,
                                     const std::string& what) {
  std::vector<std::string> ids;
  ids.reserve(batch.observations.size());
  for (const StoredObservation& o : batch.observations) ids.push_back(o.id);
  pqxx::nontransaction tx(c);
  std::unordered_set<std::string> stored;
  for (const pqxx::row& r : tx.exec_params("SELECT id FROM observations WHERE id = ANY($1::text[])",
                                           TextArrayLiteral(ids))) {
    stored.insert(Text(r[0]));
  }
  Status status =
      FirstDuplicateObservation(batch, [&](const std::string& id) { return stored.count(id) > 0; });
  if (status.ok()) return Status::InvalidArgument("the batch was refused: " + what);
  return status;
}

Result<IngestReceipt> PostgresStore::AppendObservations(const IngestBatch& batch) {
  return WithWriter("appending observations", [&](pqxx::connection& c) -> Result<IngestReceipt> {
    IngestReceipt receipt;
    try {
      pqxx::work tx(c);
      // EXCLUSIVE lets readers go on and keeps every other writer out until commit, so that
      // max + 1 is the next sequence in commit order, without gaps.
      tx.exec0("LOCK TABLE observations IN EXCLUSIVE MODE");
      if (!batch.key.empty()) {
        const pqxx::result earlier = tx.exec_params(
            "SELECT batch, first_sequence, count FROM ingest_batches "
            "WHERE submitted_by = $1 AND key = $2",
            batch.submitted_by, batch.key);
        if (!earlier.empty()) {
          return IngestReceipt{earlier[0][0].as<int64_t>(), earlier[0][1].as<int64_t>(),
                               earlier[0][2].as<int64_t>(), true};
        }
      }
      receipt.first_sequence =
          tx.exec1("SELECT COALESCE(MAX(sequence), 0) FROM observations")[0].as<int64_t>() + 1;
      receipt.batch =
          tx.exec1("SELECT COALESCE(MAX(batch), 0) FROM ingest_batches")[0].as<int64_t>() + 1;
      receipt.count = static_cast<int64_t>(batch.observations.size());
      tx.exec_params0(
          "INSERT INTO ingest_batches (batch, submitted_by, key, first_sequence, count, "
          "committed_at) VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6)",
          receipt.batch, batch.submitted_by, batch.key, receipt.first_sequence, receipt.count,
          NowRfc3339());
      if (!batch.observations.empty()) {
        // COPY streams the batch in one statement (bench/store_bench measures it).
        pqxx::stream_to copy(
            tx, "observations",
            std::vector<std::string>{"sequence", "id", "time_micros", "kind", "source_id",
                                     "source_type", "lat", "lng", "owner", "classification",
                                     "record", "batch"});
        int64_t sequence = receipt.first_sequence;
        for (const StoredObservation& o : batch.observations) {
          copy << std::make_tuple(sequence++, o.id, o.time_micros, o.kind, o.source_id,
                                  o.source_type, FormatDouble(o.lat), FormatDouble(o.lng), o.owner,
                                  static_cast<int>(o.classification), o.record, receipt.batch);
        }
        copy.complete();
      }
      tx.commit();
    } catch (const pqxx::unique_violation& e) {
      return DuplicateError(c, batch, e.what());  // the transaction was rolled back
    }
    return receipt;
  });
}

Result<std::vector<StoredObservation>> PostgresStore::QueryObservations(
    const ObservationQuery& query) {
  const ObservationFilter filter = BuildObservationFilter(query, Backend::kPostgres, true);
  std::vector<std::string> values;
  for (const SqlValue& v : filter.values) values.push_back(ToText(v));
  return WithReader(
      "querying observations", [&](pqxx::connection& c) -> Result<std::vector<StoredObservation>> {
        pqxx::nontransaction tx(c);
        std::vector<StoredObservation> rows;
        for (const pqxx::row& r :
             tx.exec_params(std::string("SELECT ") + kObservationColumns +
                                " FROM observations WHERE " + filter.where + filter.tail,
                            pqxx::prepare::make_dynamic_params(values))) {
          rows.push_back(ReadObservation(r));
        }
        return rows;
      });
}

Result<int64_t> PostgresStore::CountObservations(const ObservationQuery& query) {
  const ObservationFilter filter = BuildObservationFilter(query, Backend::kPostgres, false);
  std::vector<std::string> values;
  for (const SqlValue& v : filter.values) values.push_back(ToText(v));
  return WithReader("counting observations", [&](pqxx::connection& c) -> Result<int64_t> {
    pqxx::nontransaction tx(c);
    return tx
        .exec_params1("SELECT COUNT(*) FROM (SELECT 1 FROM observations WHERE " + filter.where +
                          (query.count_limit > 0 ? " LIMIT " + std::to_string(query.count_limit)
                                                 : std::string()) +
                          ") AS matching",
                      pqxx::prepare::make_dynamic_params(values))[0]
        .as<int64_t>();
  });
}

Status PostgresStore::ScanObservations(int64_t after_sequence,
                                       const std::function<bool(const StoredObservation&)>& visit) {
  // In chunks, so that memory stays bounded whatever the table's size.
  return WithReader("scanning observations", [&](pqxx::connection& c) -> Status {
    int64_t after = after_sequence;
    for (;;) {
      pqxx::result chunk;
      {
        pqxx::nontransaction tx(c);
        chunk = tx.exec_params(std::string("SELECT ") + kObservationColumns +
                                   " FROM observations WHERE sequence > $1 ORDER BY sequence "
                                   "LIMIT $2",
                               after, kScanChunk);
      }
      for (const pqxx::row& r : chunk) {
        const StoredObservation o = ReadObservation(r);
        after = o.sequence;
        if (!visit(o)) return Status::Ok();
      }
      if (static_cast<int64_t>(chunk.size()) < kScanChunk) return Status::Ok();
    }
  });
}

Result<int64_t> PostgresStore::LastSequence() {
  return WithReader("reading the last sequence", [](pqxx::connection& c) -> Result<int64_t> {
    pqxx::nontransaction tx(c);
    return tx.exec1("SELECT COALESCE(MAX(sequence), 0) FROM observations")[0].as<int64_t>();
  });
}

Result<std::optional<int64_t>> PostgresStore::LatestObservationTime() {
  return WithReader("reading the latest observation time",
                    [](pqxx::connection& c) -> Result<std::optional<int64_t>> {
                      pqxx::nontransaction tx(c);
                      const pqxx::row r = tx.exec1("SELECT MAX(time_micros) FROM observations");
                      if (r[0].is_null()) return std::optional<int64_t>();
                      return std::optional<int64_t>(r[0].as<int64_t>());
                    });
}

Status PostgresStore::AddUser(const User& user) {
  return WithWriter("adding user \"" + user.id + "\"", [&](pqxx::connection& c) -> Status {
    try {
      pqxx::work tx(c);
      tx.exec_params0(
          "INSERT INTO users (id, role, organisation, token_hash, created_at) "
          "VALUES ($1, $2, $3, $4, $5)",
          user.id, user.role, user.organisation, user.token_hash, user.created_at);
      tx.commit();
    } catch (const pqxx::unique_violation& e) {
      if (std::string_view(e.what()).find("users_pkey") != std::string_view::npos) {
        return Status::InvalidArgument("user \"" + user.id + "\": a user with this id exists");
      }
      return Status::InvalidArgument("user \"" + user.id +
                                     "\": the token hash belongs to another user");
    }
    return Status::Ok();
  });
}

Result<std::optional<User>> PostgresStore::FindUserByTokenHash(std::string_view token_hash) {
  const std::string hash(token_hash);
  return WithReader("looking up a user", [&](pqxx::connection& c) -> Result<std::optional<User>> {
    pqxx::nontransaction tx(c);
    const pqxx::result r = tx.exec_params(
        std::string("SELECT ") + kUserColumns + " FROM users WHERE token_hash = $1", hash);
    if (r.empty()) return std::optional<User>();
    return std::optional<User>(ReadUser(r[0]));
  });
}

Result<std::vector<User>> PostgresStore::ListUsers() {
  return WithReader("listing users", [](pqxx::connection& c) -> Result<std::vector<User>> {
    pqxx::nontransaction tx(c);
    std::vector<User> users;
    for (const pqxx::row& r :
         tx.exec(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id")) {
      users.push_back(ReadUser(r));
    }
    return users;
  });
}

Status PostgresStore::RevokeUser(std::string_view id, std::string_view at) {
  const std::string user(id), when(at);
  return WithWriter("revoking user \"" + user + "\"", [&](pqxx::connection& c) -> Status {
    pqxx::work tx(c);
    const pqxx::result known = tx.exec_params("SELECT revoked_at FROM users WHERE id = $1", user);
    if (known.empty()) return Status::NotFound("user \"" + user + "\": no such user");
    tx.exec_params0("UPDATE users SET revoked_at = $1 WHERE id = $2 AND revoked_at = ''", when,
                    user);
    tx.commit();
    return Status::Ok();
  });
}

Result<CoverageReceipt> PostgresStore::AppendGaps(const std::vector<StoredGap>& gaps) {
  return AppendCoverage(kGapTable, gaps);
}

Result<std::vector<StoredGap>> PostgresStore::QueryGaps(const CoverageQuery& query) {
  return QueryCoverage(kGapTable, query, ReadGap);
}

Result<CoverageReceipt> PostgresStore::AppendAssetPlacements(
    const std::vector<StoredAssetPlacement>& placements) {
  return AppendCoverage(kPlacementTable, placements);
}

Result<std::vector<StoredAssetPlacement>> PostgresStore::QueryAssetPlacements(
    const CoverageQuery& query) {
  return QueryCoverage(kPlacementTable, query, ReadPlacement);
}

Result<CaseEvent> PostgresStore::AppendCaseEvent(
    const CaseEvent& event,
    const std::function<Status(const std::vector<CaseEvent>& so_far)>& precondition) {
  return WithWriter("appending a case event", [&](pqxx::connection& c) -> Result<CaseEvent> {
    pqxx::work tx(c);
    // Case events are rare: one lock for the table serialises the check against every other
    // writer (other processes included) and keeps sequences gap-free in commit order.
    tx.exec0("LOCK TABLE case_events IN EXCLUSIVE MODE");
    ASSIGN_OR_RETURN(std::vector<CaseEvent> so_far,
                     SelectCaseEvents(tx, "case_id = $1", event.case_id));
    RETURN_IF_ERROR(precondition(so_far));
    CaseEvent stored = event;
    stored.sequence =
        tx.exec1("SELECT COALESCE(MAX(sequence), 0) FROM case_events")[0].as<int64_t>() + 1;
    tx.exec_params0(std::string("INSERT INTO case_events (") + kCaseEventColumns +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    stored.sequence, stored.case_id, static_cast<int>(stored.kind), stored.user,
                    stored.at, stored.decision, stored.rationale, stored.remedy, stored.case_sha256,
                    stored.remedy_due, stored.party);
    tx.commit();
    return stored;
  });
}

Result<std::vector<CaseEvent>> PostgresStore::CaseEvents(std::string_view case_id) {
  const std::string id(case_id);
  return WithReader("reading case events",
                    [&](pqxx::connection& c) -> Result<std::vector<CaseEvent>> {
                      pqxx::nontransaction tx(c);
                      return SelectCaseEvents(tx, "case_id = $1", id);
                    });
}

Result<std::vector<CaseEvent>> PostgresStore::AllCaseEvents(int64_t after_sequence) {
  return WithReader(
      "reading case events", [&](pqxx::connection& c) -> Result<std::vector<CaseEvent>> {
        pqxx::nontransaction tx(c);
        return SelectCaseEvents(tx, "sequence > $1::bigint", std::to_string(after_sequence));
      });
}

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& uri) {
  auto store = std::make_unique<PostgresStore>(uri);
  RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace guarantor::store::internal
