// What the two Store backends share beside the schema: the error that names a batch's duplicate
// observation, and the wall-clock time stamps written beside rows.
//
// Thread safety: pure functions (NowRfc3339 reads the clock).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

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

// The current UTC time as RFC 3339 with microseconds ("2026-05-01T12:00:00.000000Z").
std::string NowRfc3339();

}  // namespace guarantor::store::internal
