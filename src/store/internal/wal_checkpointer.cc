#include "store/internal/wal_checkpointer.h"

#include <utility>

namespace guarantor::store::internal {

WalCheckpointer::WalCheckpointer(SqliteConnection connection)
    : db_(std::move(connection)), thread_([this] { Run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

int WalCheckpointer::OnCommit(void* self, sqlite3* writer, const char*, int pages) {
  if (pages >= kBackstopPages) {
    sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (pages >= kStartPages) {
    auto* checkpointer = static_cast<WalCheckpointer*>(self);
    {
      std::lock_guard lock(checkpointer->mu_);
      checkpointer->pending_ = true;
    }
    checkpointer->wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    if (stopping_) return;
    pending_ = false;
    lock.unlock();
    // A busy or incomplete checkpoint is retried after the next large commit.
    sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
}

}  // namespace guarantor::store::internal
