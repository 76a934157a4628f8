// WalCheckpointer copies an SQLite database's write-ahead log into the database file on a thread
// of its own, so that commits do not pay for it: after a commit leaves at least kStartPages in
// the log, the writer's WAL hook (OnCommit) wakes the thread, which runs a PASSIVE checkpoint (it
// waits for no reader or writer) on its own connection. Should the thread fall behind until the
// log holds kBackstopPages, the writer checkpoints itself, as SQLite's automatic checkpoint would
// (the hook replaces that one), so the log stays bounded. Durability is unchanged: a commit is
// durable in the log.
//
//   auto checkpointer = std::make_unique<WalCheckpointer>(std::move(second_connection));
//   sqlite3_wal_hook(writer, &WalCheckpointer::OnCommit, checkpointer.get());
//   ...
//   sqlite3_wal_hook(writer, nullptr, nullptr);  // before the checkpointer goes
//
// Thread safety: OnCommit may be called from the writer's thread while the checkpointer runs.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace guarantor::store::internal {

struct SqliteConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteConnection = std::unique_ptr<sqlite3, SqliteConnectionCloser>;

class WalCheckpointer {
 public:
  static constexpr int kStartPages = 2048;      // 32 MiB of 16 KiB pages
  static constexpr int kBackstopPages = 16384;  // 256 MiB

  // `connection`: a read-write connection to the database, used by the checkpointer alone.
  explicit WalCheckpointer(SqliteConnection connection);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // The writer's sqlite3_wal_hook (`self`: this checkpointer): called after each commit with the
  // log's size in pages.
  static int OnCommit(void* self, sqlite3* writer, const char* database, int pages);

 private:
  void Run();

  SqliteConnection db_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = false, stopping_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace guarantor::store::internal
