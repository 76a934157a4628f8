// The SQLite implementation of Store: the file DIR/guarantor.db in WAL mode with
// synchronous=FULL and foreign_keys=ON.
//
// Connections: one writer connection, used under a mutex by every write (an append holds it from
// BEGIN IMMEDIATE to COMMIT); readers take a read-only connection from a small pool (opened on
// demand, at most kMaxIdleReaders kept), so that queries run beside an ingest and see the last
// committed state. Several processes may open the same file; SQLite's locks serialise their
// writes (busy_timeout 10 s).
//
// Thread safety: as Store.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace guarantor::store::internal {

// Opens DIR/guarantor.db, creating DIR (with its parents) and the file when missing, and migrates
// it. FailedPrecondition when the file is at a newer schema version than this build knows.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& dir);

}  // namespace guarantor::store::internal
