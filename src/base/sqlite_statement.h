// SqliteStatement and SqliteTransaction: SQLite's prepared statements and transactions as
// owners that finalise and roll back when they go out of scope, for every module that keeps a
// SQLite file (the ledger, the service's store). Header-only: users link SQLite themselves.
//
//   SqliteTransaction transaction(db);          // after "BEGIN IMMEDIATE"
//   SqliteStatement insert(db, "INSERT INTO t (a, b) VALUES (?, ?)");
//   insert.Bind(1, int64_t{7});
//   insert.Bind(2, name);                        // copied into the statement
//   if (!insert.prepared() || insert.Step() != SQLITE_DONE || !transaction.Commit()) ...
//
// Thread safety: as the connection they are made on.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace guarantor {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql) {
    rc_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  }
  // A statement kept prepared by its owner (a cache of statements on one connection), used here
  // and, at the end of this scope, reset with its bindings cleared rather than finalised.
  // `borrowed` may be null (its preparation failed): prepared() is then false.
  struct Borrowed {};
  SqliteStatement(Borrowed, sqlite3_stmt* borrowed)
      : stmt_(borrowed), rc_(borrowed != nullptr ? SQLITE_OK : SQLITE_ERROR), owned_(false) {}
  ~SqliteStatement() {
    if (owned_) {
      sqlite3_finalize(stmt_);
    } else if (stmt_ != nullptr) {
      Reset();
    }
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  bool prepared() const { return rc_ == SQLITE_OK && stmt_ != nullptr; }

  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  // Text and blobs bound here are copied into the statement.
  void Bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, const std::string& text) { Bind(i, std::string_view(text)); }
  void BindBlob(int i, std::span<const uint8_t> bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  // Not copied, for bulk inserts: `text` must stay alive and unchanged until the statement has
  // been stepped and reset.
  void BindInPlace(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }

  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  std::string Text(int i) {
    const unsigned char* p = sqlite3_column_text(stmt_, i);
    return p == nullptr
               ? std::string()
               : std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, i));
  }
  std::string Blob(int i) {
    const void* p = sqlite3_column_blob(stmt_, i);
    return p == nullptr ? std::string()
                        : std::string(static_cast<const char*>(p), sqlite3_column_bytes(stmt_, i));
  }
  int64_t Int(int i) { return sqlite3_column_int64(stmt_, i); }
  double Double(int i) { return sqlite3_column_double(stmt_, i); }
  bool IsNull(int i) { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
  bool owned_ = true;
};

// Rolls back the open transaction when it goes out of scope, unless it was committed here
// (Commit) or ended otherwise (MarkDone).
class SqliteTransaction {
 public:
  explicit SqliteTransaction(sqlite3* db) : db_(db) {}
  ~SqliteTransaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  bool Commit() {
    done_ = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    return done_;
  }
  void MarkDone() { done_ = true; }

 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace guarantor
