// What the two Store backends share beside the schema: the error that names a batch's duplicate
// observation, and the wall-clock time stamps written beside rows.
//
// Thread safety: pure functions (NowRfc3339 reads the clock).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/internal/observation_filter.h"
#include "store/store.h"

namespace guarantor::store::internal {

// kInvalidArgument for batch.observations[index], whose id is already stored or repeats an
// earlier record of the batch:
//   record 17 (id "obs-9"): an observation with this id is already stored
//   record 17 (id "obs-9"): repeats record 3 of this batch
// REQUIRES: index < batch.observations.size().
Status DuplicateObservationError(const IngestBatch& batch, size_t index);

// The error for the first record of `batch` (in batch order) whose id repeats an earlier record
// of the batch or for which `is_stored(id)` holds; OK when there is none.
Status FirstDuplicateObservation(const IngestBatch& batch,
                                 const std::function<bool(const std::string& id)>& is_stored);

enum class CoverageVerdict { kNew, kUnchanged };

// Whether each of a batch of gaps or asset placements (the `noun`) is new or already stored with
// the same record. `keys[i]` names record i and tells records apart within the batch
// (GapKeys, PlacementKeys); `records[i]` is its text; `stored_record(i)` the text stored under
// its key, if any. kInvalidArgument for the first record (in order) that repeats an earlier one
// of the batch or is stored with a different record:
//   gap 2 (id "gap-1-3"): stored before with a different record; a gap is not changed
//   placement 2 (id "cam-03", start 2026-02-01T00:00:00Z): repeats placement 0 of this batch
// REQUIRES: keys.size() == records.size().
Result<std::vector<CoverageVerdict>> ClassifyCoverage(
    std::string_view noun, const std::vector<std::string>& keys,
    const std::vector<std::string_view>& records,
    const std::function<Result<std::optional<std::string>>(size_t i)>& stored_record);

// Keys for ClassifyCoverage: `id "ID"`; `id "ID", start RFC3339`.
std::vector<std::string> GapKeys(const std::vector<StoredGap>& gaps);
std::vector<std::string> PlacementKeys(const std::vector<StoredAssetPlacement>& placements);
// The records' texts, for ClassifyCoverage.
template <typename Row>
std::vector<std::string_view> RecordsOf(const std::vector<Row>& rows) {
  std::vector<std::string_view> records;
  records.reserve(rows.size());
  for (const Row& row : rows) records.push_back(row.record);
  return records;
}

// How a table of coverage records (gaps, asset placements) is written, the same in both
// backends: its columns (sequence first), the condition naming a row's key with one placeholder
// per key column ("?", which the PostgreSQL backend numbers), and the values of a row.
template <typename Row>
struct CoverageTable {
  const char* table;
  const char* columns;
  const char* noun;       // in errors: "gap", "placement"
  const char* key_where;  // "id = ?"
  std::vector<SqlValue> (*key)(const Row& row);
  std::vector<SqlValue> (*values)(const Row& row);  // every column after sequence, in order
  std::vector<std::string> (*keys)(const std::vector<Row>& rows);  // for ClassifyCoverage
};
extern const CoverageTable<StoredGap> kGapTable;
extern const CoverageTable<StoredAssetPlacement> kPlacementTable;

// The statements a coverage table is written with, in `backend`'s placeholders ("?", or "$1",
// "$2", ... for PostgreSQL): `find` reads the record stored under a row's key (bound as the
// table's `key` gives it), `insert` writes a row (bound as its sequence, then `values`).
struct CoverageStatements {
  std::string find, insert;
};
CoverageStatements CoverageStatementsFor(const char* table, const char* columns,
                                         const char* key_where, Backend backend);

// The current UTC time as RFC 3339 with microseconds ("2026-05-01T12:00:00.000000Z").
std::string NowRfc3339();

}  // namespace guarantor::store::internal
