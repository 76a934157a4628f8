#include "ledger/ledger_store.h"

#include "base/sqlite_statement.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <cstring>
#include <limits>
#include <span>

namespace guarantor::ledger {
namespace {

// The migrations, in order: kMigrations[i] takes the schema from version i to i + 1.
// Never edit a released migration; add a new one.
constexpr const char* kMigrations[] = {
    // 0 -> 1: entries and the tree heads the log signed.
    R"sql(
CREATE TABLE entries (
  sequence      INTEGER PRIMARY KEY,  -- 0-based; the entry's Merkle leaf index
  kind          TEXT NOT NULL,
  author        TEXT NOT NULL,
  recorded_at   TEXT NOT NULL,        -- RFC 3339
  payload       TEXT NOT NULL,        -- compact JSON, exactly as signed
  previous_hash BLOB NOT NULL,        -- 32 bytes
  entry_hash    BLOB NOT NULL,        -- 32 bytes
  signature     BLOB NOT NULL         -- 64 bytes, Ed25519 by the author
);
CREATE TABLE tree_heads (
  tree_size     INTEGER PRIMARY KEY,
  root_hash     BLOB NOT NULL,        -- 32 bytes
  timestamp     TEXT NOT NULL,        -- RFC 3339
  log_key       BLOB NOT NULL,        -- 32 bytes
  signature     BLOB NOT NULL         -- 64 bytes, Ed25519 by the log key
);
)sql",
};
static_assert(std::size(kMigrations) == LedgerStore::kCurrentSchemaVersion);

using Statement = SqliteStatement;
using Transaction = SqliteTransaction;

template <size_t N>
bool CopyBlob(const std::string& blob, std::array<uint8_t, N>* out) {
  if (blob.size() != N) return false;
  std::memcpy(out->data(), blob.data(), N);
  return true;
}

}  // namespace

Result<SignedTreeHead> DecodeStoredTreeHead(const StoredTreeHead& row) {
  SignedTreeHead head;
  const std::string where = "stored tree head of size " + std::to_string(row.tree_size);
  if (row.tree_size < 0) return Status::InvalidArgument(where + ": negative size");
  head.tree_size = static_cast<uint64_t>(row.tree_size);
  head.timestamp = row.timestamp;
  if (!CopyBlob(row.root_hash, &head.root_hash)) {
    return Status::InvalidArgument(where + ": root_hash: expected 32 bytes; found " +
                                   std::to_string(row.root_hash.size()));
  }
  if (!CopyBlob(row.log_key, &head.log_key)) {
    return Status::InvalidArgument(where + ": log_key: expected 32 bytes; found " +
                                   std::to_string(row.log_key.size()));
  }
  if (!CopyBlob(row.signature, &head.signature)) {
    return Status::InvalidArgument(where + ": signature: expected 64 bytes; found " +
                                   std::to_string(row.signature.size()));
  }
  return head;
}

Result<LedgerEntry> DecodeStoredEntry(const StoredEntry& row) {
  const std::string where = "stored entry " + std::to_string(row.sequence);
  if (row.sequence < 0) return Status::InvalidArgument(where + ": negative sequence");
  LedgerEntry entry;
  entry.sequence = static_cast<uint64_t>(row.sequence);
  std::optional<EntryKind> kind = ParseEntryKind(row.kind);
  if (!kind) {
    return Status::InvalidArgument(where + ": kind: expected one of " + EntryKindNames() +
                                   "; found \"" + row.kind + "\"");
  }
  entry.kind = *kind;
  entry.author = row.author;
  entry.recorded_at = row.recorded_at;
  entry.payload = row.payload;
  if (!CopyBlob(row.previous_hash, &entry.previous_hash)) {
    return Status::InvalidArgument(where + ": previous_hash: expected 32 bytes; found " +
                                   std::to_string(row.previous_hash.size()));
  }
  if (!CopyBlob(row.entry_hash, &entry.entry_hash)) {
    return Status::InvalidArgument(where + ": entry_hash: expected 32 bytes; found " +
                                   std::to_string(row.entry_hash.size()));
  }
  if (!CopyBlob(row.signature, &entry.signature)) {
    return Status::InvalidArgument(where + ": signature: expected 64 bytes; found " +
                                   std::to_string(row.signature.size()));
  }
  return entry;
}

namespace {

// Creates the database at `path` fully initialised or not at all: it is built under a temporary
// name (WAL mode, every migration), closed, synced, and only then linked to `path`. A process
// killed while creating the ledger leaves no half-made ledger.db behind, only a stray temporary
// file. If another process created `path` first, its database is kept and ours discarded.
Status CreateDatabaseAtomically(const std::string& path) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  for (const char* suffix : {"", "-wal", "-shm"}) unlink((temp + suffix).c_str());
  {
    Result<std::unique_ptr<LedgerStore>> store =
        LedgerStore::Open(temp, LedgerStore::Mode::kCreateInPlace);
    if (!store.ok()) {
      unlink(temp.c_str());
      return store.status();
    }
  }  // closing the last connection checkpoints the WAL into the file and removes it
  const int fd = open(temp.c_str(), O_RDONLY);
  const bool synced = fd >= 0 && fsync(fd) == 0;
  if (fd >= 0) close(fd);
  const int rc = synced ? link(temp.c_str(), path.c_str()) : -1;
  const int link_errno = errno;
  unlink(temp.c_str());
  if (!synced) return Status::IoError(temp + ": cannot sync the new ledger database");
  if (rc != 0 && link_errno != EEXIST) {
    return Status::IoError(path +
                           ": cannot create the ledger database: " + std::strerror(link_errno));
  }
  const size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? std::string(".") : path.substr(0, slash);
  const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<LedgerStore>> LedgerStore::Open(const std::string& path, Mode mode) {
  if (mode == Mode::kCreate) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) RETURN_IF_ERROR(CreateDatabaseAtomically(path));
    mode = Mode::kExistingForWriting;
  }
  sqlite3* db = nullptr;
  const int flags = mode == Mode::kCreateInPlace ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                 : SQLITE_OPEN_READWRITE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    if (mode != Mode::kCreateInPlace && rc == SQLITE_CANTOPEN) {
      return Status::NotFound(path + ": expected a ledger database; found none (" + message + ")");
    }
    return Status::IoError(path + ": cannot open the ledger database: " + message);
  }
  std::unique_ptr<LedgerStore> store(new LedgerStore(db, path));
  sqlite3_busy_timeout(db, 10'000);
  sqlite3_extended_result_codes(db, 1);
  // WAL: readers do not block the writer; synchronous=FULL: a commit is fsynced before it returns.
  const bool writing = mode != Mode::kExisting;
  if (writing) {
    Statement wal(db, "PRAGMA journal_mode=WAL");
    if (!wal.prepared() || wal.Step() != SQLITE_ROW || wal.Text(0) != "wal") {
      return store->Error("cannot switch the journal to WAL mode");
    }
  }
  RETURN_IF_ERROR(store->Exec("PRAGMA synchronous=FULL"));
  if (writing) {
    RETURN_IF_ERROR(store->Migrate());
  } else {
    ASSIGN_OR_RETURN(int version, store->SchemaVersion());
    if (version != kCurrentSchemaVersion) {
      return Status::FailedPrecondition(
          path + ": expected schema version " + std::to_string(kCurrentSchemaVersion) + "; found " +
          std::to_string(version) +
          (version < kCurrentSchemaVersion ? " (append an entry with this version to migrate it)"
                                           : " (written by a newer guarantor)"));
    }
  }
  return store;
}

LedgerStore::~LedgerStore() { sqlite3_close(db_); }

Status LedgerStore::Error(const std::string& what) const {
  return Status::IoError(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

Status LedgerStore::Exec(const char* sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return Status::IoError(path_ + ": " + text);
  }
  return Status::Ok();
}

Result<int> LedgerStore::SchemaVersion() const {
  Statement exists(db_, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'");
  if (!exists.prepared()) return Error("cannot read the schema");
  const int rc = exists.Step();
  if (rc == SQLITE_DONE) return 0;
  if (rc != SQLITE_ROW) return Error("cannot read the schema");
  Statement version(db_, "SELECT MAX(version) FROM schema_version");
  if (!version.prepared() || version.Step() != SQLITE_ROW) {
    return Error("cannot read schema_version");
  }
  return static_cast<int>(version.Int(0));
}

Status LedgerStore::Migrate() {
  {
    // The common case, an up-to-date file, needs no write transaction.
    ASSIGN_OR_RETURN(int version, SchemaVersion());
    if (version == kCurrentSchemaVersion) return Status::Ok();
  }
  RETURN_IF_ERROR(Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
  for (;;) {
    // IMMEDIATE takes the write lock before reading the version: two processes opening a new
    // file at once cannot both apply the same migration.
    RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Transaction transaction(db_);
    ASSIGN_OR_RETURN(int version, SchemaVersion());
    if (version > kCurrentSchemaVersion) {
      return Status::FailedPrecondition(
          path_ + ": expected schema version at most " + std::to_string(kCurrentSchemaVersion) +
          "; found " + std::to_string(version) + " (written by a newer guarantor)");
    }
    if (version == kCurrentSchemaVersion) {
      RETURN_IF_ERROR(Exec("COMMIT"));
      transaction.MarkDone();
      return Status::Ok();
    }
    RETURN_IF_ERROR(Exec(kMigrations[version]));
    RETURN_IF_ERROR(Exec("DELETE FROM schema_version"));
    Statement set(db_, "INSERT INTO schema_version (version) VALUES (?)");
    set.Bind(1, static_cast<int64_t>(version) + 1);
    if (!set.prepared() || set.Step() != SQLITE_DONE) {
      return Error("cannot record schema version " + std::to_string(version + 1));
    }
    RETURN_IF_ERROR(Exec("COMMIT"));
    transaction.MarkDone();
  }
}

Result<std::vector<StoredEntry>> LedgerStore::ReadEntries() const {
  return ReadEntries(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
}

Result<std::vector<StoredEntry>> LedgerStore::ReadEntries(int64_t first, int64_t limit) const {
  Statement select(db_,
                   "SELECT sequence, kind, author, recorded_at, payload, previous_hash, "
                   "entry_hash, signature FROM entries WHERE sequence >= ? ORDER BY sequence "
                   "LIMIT ?");
  if (!select.prepared()) return Error("cannot read the entries");
  select.Bind(1, first);
  select.Bind(2, limit);
  std::vector<StoredEntry> entries;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    StoredEntry e;
    e.sequence = select.Int(0);
    e.kind = select.Text(1);
    e.author = select.Text(2);
    e.recorded_at = select.Text(3);
    e.payload = select.Text(4);
    e.previous_hash = select.Blob(5);
    e.entry_hash = select.Blob(6);
    e.signature = select.Blob(7);
    entries.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return Error("cannot read the entries");
  return entries;
}

Result<std::vector<StoredTreeHead>> LedgerStore::ReadTreeHeads() const {
  Statement select(db_,
                   "SELECT tree_size, root_hash, timestamp, log_key, signature FROM tree_heads "
                   "ORDER BY tree_size");
  if (!select.prepared()) return Error("cannot read the tree heads");
  std::vector<StoredTreeHead> heads;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) {
    heads.push_back(
        {select.Int(0), select.Blob(1), select.Text(2), select.Blob(3), select.Blob(4)});
  }
  if (rc != SQLITE_DONE) return Error("cannot read the tree heads");
  return heads;
}

Result<std::optional<StoredTreeHead>> LedgerStore::LatestTreeHead() const {
  Statement select(db_,
                   "SELECT tree_size, root_hash, timestamp, log_key, signature FROM tree_heads "
                   "ORDER BY tree_size DESC LIMIT 1");
  if (!select.prepared()) return Error("cannot read the tree heads");
  const int rc = select.Step();
  if (rc == SQLITE_DONE) return std::optional<StoredTreeHead>();
  if (rc != SQLITE_ROW) return Error("cannot read the tree heads");
  return std::optional<StoredTreeHead>(StoredTreeHead{select.Int(0), select.Blob(1), select.Text(2),
                                                      select.Blob(3), select.Blob(4)});
}

Result<LedgerEntry> LedgerStore::AppendLocked(
    const std::function<Result<AppendRecord>()>& prepare) {
  RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  Transaction transaction(db_);
  ASSIGN_OR_RETURN(AppendRecord record, prepare());
  const LedgerEntry& entry = record.entry;
  const SignedTreeHead& head = record.head;
  {
    Statement count(db_, "SELECT COUNT(*), MAX(sequence) FROM entries");
    if (!count.prepared() || count.Step() != SQLITE_ROW) {
      return Error("cannot count the entries");
    }
    const int64_t n = count.Int(0);
    const bool contiguous = n == 0 || count.Int(1) == n - 1;
    if (static_cast<uint64_t>(n) != entry.sequence || !contiguous) {
      return Status::FailedPrecondition(path_ + ": expected " + std::to_string(entry.sequence) +
                                        " entries before this append; found " + std::to_string(n));
    }
    if (n > 0) {
      Statement last(db_, "SELECT entry_hash FROM entries WHERE sequence = ?");
      last.Bind(1, static_cast<int64_t>(n - 1));
      if (!last.prepared() || last.Step() != SQLITE_ROW) {
        return Error("cannot read the last entry");
      }
      if (last.Blob(0) != std::string(AsBytes(entry.previous_hash))) {
        return Status::FailedPrecondition(
            path_ + ": the last entry changed since this append was prepared");
      }
    }
  }
  Statement insert(db_,
                   "INSERT INTO entries (sequence, kind, author, recorded_at, payload, "
                   "previous_hash, entry_hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.prepared()) return Error("cannot prepare the insert");
  insert.Bind(1, static_cast<int64_t>(entry.sequence));
  insert.Bind(2, std::string(ToString(entry.kind)));
  insert.Bind(3, entry.author);
  insert.Bind(4, entry.recorded_at);
  insert.Bind(5, entry.payload);
  insert.BindBlob(6, entry.previous_hash);
  insert.BindBlob(7, entry.entry_hash);
  insert.BindBlob(8, entry.signature);
  if (insert.Step() != SQLITE_DONE) return Error("cannot insert the entry");

  Statement insert_head(db_,
                        "INSERT INTO tree_heads (tree_size, root_hash, timestamp, log_key, "
                        "signature) VALUES (?, ?, ?, ?, ?)");
  if (!insert_head.prepared()) return Error("cannot prepare the tree head insert");
  insert_head.Bind(1, static_cast<int64_t>(head.tree_size));
  insert_head.BindBlob(2, head.root_hash);
  insert_head.Bind(3, head.timestamp);
  insert_head.BindBlob(4, head.log_key);
  insert_head.BindBlob(5, head.signature);
  if (insert_head.Step() != SQLITE_DONE) return Error("cannot insert the tree head");
  // With synchronous=FULL in WAL mode, COMMIT returns after the WAL is fsynced.
  RETURN_IF_ERROR(Exec("COMMIT"));
  transaction.MarkDone();
  return std::move(record.entry);
}

Status LedgerStore::InTransaction(const char* begin, const std::function<Status()>& body) const {
  RETURN_IF_ERROR(Exec(begin));
  Transaction transaction(db_);
  RETURN_IF_ERROR(body());
  RETURN_IF_ERROR(Exec("COMMIT"));
  transaction.MarkDone();
  return Status::Ok();
}

Status LedgerStore::ReadSnapshot(const std::function<Status()>& body) const {
  if (sqlite3_get_autocommit(db_) == 0) return body();  // a transaction is open already
  // In WAL mode a deferred transaction reads from the snapshot its first read takes.
  return InTransaction("BEGIN", body);
}

Status LedgerStore::InWriteTransaction(const std::function<Status()>& body) {
  return InTransaction("BEGIN IMMEDIATE", body);
}

Status LedgerStore::StoreTreeHeadIfAbsent(const SignedTreeHead& head) {
  Statement insert(db_,
                   "INSERT OR IGNORE INTO tree_heads (tree_size, root_hash, timestamp, log_key, "
                   "signature) VALUES (?, ?, ?, ?, ?)");
  if (!insert.prepared()) return Error("cannot prepare the tree head insert");
  insert.Bind(1, static_cast<int64_t>(head.tree_size));
  insert.BindBlob(2, head.root_hash);
  insert.Bind(3, head.timestamp);
  insert.BindBlob(4, head.log_key);
  insert.BindBlob(5, head.signature);
  if (insert.Step() != SQLITE_DONE) return Error("cannot insert the tree head");
  return Status::Ok();
}

}  // namespace guarantor::ledger
