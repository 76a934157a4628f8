// The PostgreSQL (+ PostGIS) implementation of Store, through libpqxx.
//
// Connections: one writer connection used under a mutex (with synchronous_commit=on for the
// session, so that a commit is durable when it returns whatever the server's default), and a small
// pool of reader connections opened on demand. Across processes sharing the database, writes are
// serialised by table locks: an append takes LOCK TABLE observations IN EXCLUSIVE MODE (readers
// go on) and assigns sequence = max + 1, which keeps sequences gap-free and in commit order; a case
// event takes the same lock on case_events.
//
// Every libpqxx exception is caught here and returned as a Status. A broken connection is dropped
// and reopened on the next call.
//
// Thread safety: as Store.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace guarantor::store::internal {

// Connects to `uri` ("postgresql://..."), migrates the database (creating the postgis extension
// when missing, which needs the right to) and returns the store. IoError when the server cannot
// be reached; FailedPrecondition when the database is at a newer schema version than this build
// knows.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& uri);

}  // namespace guarantor::store::internal
