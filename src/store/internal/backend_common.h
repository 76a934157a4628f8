// What the two Store backends share beside the schema: the error that names a batch's duplicate
// observation, and the wall-clock time stamps written beside rows.
//
// Thread safety: pure functions (NowRfc3339 reads the clock).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
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

enum class GapVerdict { kNew, kUnchanged };

// Whether each gap is new or already stored with the same record, given `stored_record(id)` (the
// record stored under id, if any). kInvalidArgument for the first gap (in order) whose id repeats
// an earlier one of `gaps` or is stored with a different record:
//   gap 2 (id "gap-1-3"): stored before with a different record; a gap is not changed
//   gap 2 (id "gap-1-3"): repeats gap 0 of this batch
Result<std::vector<GapVerdict>> ClassifyGaps(
    const std::vector<StoredGap>& gaps,
    const std::function<Result<std::optional<std::string>>(const std::string& id)>& stored_record);

// The current UTC time as RFC 3339 with microseconds ("2026-05-01T12:00:00.000000Z").
std::string NowRfc3339();

}  // namespace guarantor::store::internal
