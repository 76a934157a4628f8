// Schema migrations of the store, per backend: version v is reached by applying, in order, the SQL
// statements of Migrations(backend)[v - 1], in one transaction that also records
// (v, applied_at) in schema_migrations. Both backends share the version numbers: version v means
// the same tables and meaning in SQLite and in PostgreSQL.
//
// Never edit a released migration; append a new one.
//
// Thread safety: immutable data.
#pragma once

#include <span>
#include <string_view>

namespace guarantor::store::internal {

enum class Backend { kSqlite, kPostgres };

struct Migration {
  int version;  // 1, 2, 3, ...: Migrations(b)[i].version == i + 1
  std::span<const char* const> statements;
};

// The migrations of `backend`, in version order.
std::span<const Migration> Migrations(Backend backend);

// The newest schema version this build knows (the same for both backends).
int CurrentSchemaVersion();

// The statement that creates schema_migrations(version, applied_at) if missing (run before
// reading the version; the same text in both dialects).
std::string_view CreateSchemaMigrationsTable();

}  // namespace guarantor::store::internal
