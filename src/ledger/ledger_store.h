// LedgerStore: the ledger's durable storage, an SQLite database file (DIR/ledger.db) in WAL mode.
//
//   Result<std::unique_ptr<LedgerStore>> store =
//       LedgerStore::Open("data/ledger.db", LedgerStore::Mode::kCreate);
//   Result<LedgerEntry> e = (*store)->AppendLocked(prepare);   // durable when it returns OK
//
// Durability: the connection runs with journal_mode=WAL and synchronous=FULL, so a commit is on
// disk (the WAL is fsynced) before AppendLocked returns OK; it writes the entry and the tree head
// that covers it in one transaction, so a crash leaves both or neither.
//
// Schema: a schema_version table holds one row; Open(kCreate) applies the migrations above that
// version in order, each in its own IMMEDIATE transaction (docs/ledger.md §6). Open(kExisting)
// changes nothing and requires the current version (verification must not write).
//
// The readers return rows as stored, without interpretation (StoredEntry): verification must see
// exactly what is in the file, including what an attacker changed.
//
// Thread safety: one LedgerStore per thread. Several processes may open the same file; SQLite's
// locking serialises their writes: an append holds the write lock from reading the last entry to
// committing the new one.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ledger/ledger_entry.h"
#include "ledger/tree_head.h"

struct sqlite3;

namespace guarantor::ledger {

// A row of the entries table, as stored. Blob columns are raw bytes (their size unchecked).
struct StoredEntry {
  int64_t sequence = 0;
  std::string kind, author, recorded_at, payload;
  std::string previous_hash, entry_hash, signature;
};

// A row of the tree_heads table, as stored.
struct StoredTreeHead {
  int64_t tree_size = 0;
  std::string root_hash, timestamp, log_key, signature;
};

// Decode stored rows; InvalidArgument when a blob has the wrong size or the kind is unknown.
Result<SignedTreeHead> DecodeStoredTreeHead(const StoredTreeHead& row);
Result<LedgerEntry> DecodeStoredEntry(const StoredEntry& row);

class LedgerStore {
 public:
  enum class Mode {
    kCreate,    // create the file if missing (atomically: complete or not at all), migrate it
    kExisting,  // the file must exist at the current schema; nothing is written
    kExistingForWriting,  // the file must exist; migrate it (what kCreate becomes once it exists)
    kCreateInPlace,       // create and migrate at this very path (for a temporary file)
  };
  // The schema version this build writes and reads.
  static constexpr int kCurrentSchemaVersion = 1;

  static Result<std::unique_ptr<LedgerStore>> Open(const std::string& path, Mode mode);
  ~LedgerStore();
  LedgerStore(const LedgerStore&) = delete;
  LedgerStore& operator=(const LedgerStore&) = delete;

  const std::string& path() const { return path_; }
  Result<int> SchemaVersion() const;

  // All entries ordered by sequence.
  Result<std::vector<StoredEntry>> ReadEntries() const;
  // At most `limit` entries from sequence `first` on, ordered by sequence.
  Result<std::vector<StoredEntry>> ReadEntries(int64_t first, int64_t limit) const;
  // All tree heads ordered by size.
  Result<std::vector<StoredTreeHead>> ReadTreeHeads() const;
  Result<std::optional<StoredTreeHead>> LatestTreeHead() const;

  // What an append writes: the entry (sequence n) and the tree head (size n + 1) covering it.
  struct AppendRecord {
    LedgerEntry entry;
    SignedTreeHead head;
  };
  // Takes the database's write lock (BEGIN IMMEDIATE), calls `prepare` (which may read this store:
  // no other writer can change it meanwhile), and writes what it returns in the same transaction,
  // durably. Writes nothing if `prepare` fails, or (FailedPrecondition) unless the ledger holds
  // exactly entry.sequence entries and the last one's hash is entry.previous_hash.
  Result<LedgerEntry> AppendLocked(const std::function<Result<AppendRecord>()>& prepare);
  // Runs `body` on one snapshot of the database: in a read transaction, or in the transaction
  // already open on this connection. Reads made in `body` see one state of the ledger even while
  // other processes append; outside it each read sees the latest, so the tree head and the
  // entries read one after the other may disagree.
  Status ReadSnapshot(const std::function<Status()>& body) const;
  // Runs `body` holding the database's write lock (BEGIN IMMEDIATE), committing if it succeeds:
  // for set-up that several processes could otherwise race on (the log key, the first head).
  Status InWriteTransaction(const std::function<Status()>& body);
  // Stores a head (for the empty ledger, size 0) unless one of its size exists.
  Status StoreTreeHeadIfAbsent(const SignedTreeHead& head);

 private:
  LedgerStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Migrate();
  // Runs `body` between `begin` (a BEGIN statement) and COMMIT; rolls back if either fails.
  Status InTransaction(const char* begin, const std::function<Status()>& body) const;
  Status Exec(const char* sql) const;
  Status Error(const std::string& what) const;

  sqlite3* db_;  // owned
  std::string path_;
};

}  // namespace guarantor::ledger
