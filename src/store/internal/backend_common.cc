#include "store/internal/backend_common.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <unordered_map>

namespace guarantor::store::internal {
namespace {

std::string Named(const IngestBatch& batch, size_t index) {
  return "record " + std::to_string(index) + " (id \"" + batch.observations[index].id + "\")";
}

}  // namespace

Status DuplicateObservationError(const IngestBatch& batch, size_t index) {
  const std::string& id = batch.observations[index].id;
  for (size_t earlier = 0; earlier < index; ++earlier) {
    if (batch.observations[earlier].id == id) {
      return Status::InvalidArgument(Named(batch, index) + ": repeats record " +
                                     std::to_string(earlier) + " of this batch");
    }
  }
  return Status::InvalidArgument(Named(batch, index) +
                                 ": an observation with this id is already stored");
}

Status FirstDuplicateObservation(const IngestBatch& batch,
                                 const std::function<bool(const std::string& id)>& is_stored) {
  std::unordered_map<std::string_view, size_t> first_index;
  first_index.reserve(batch.observations.size());
  for (size_t i = 0; i < batch.observations.size(); ++i) {
    const std::string& id = batch.observations[i].id;
    if (!first_index.emplace(id, i).second || is_stored(id)) {
      return DuplicateObservationError(batch, i);
    }
  }
  return Status::Ok();
}

Result<std::vector<GapVerdict>> ClassifyGaps(
    const std::vector<StoredGap>& gaps,
    const std::function<Result<std::optional<std::string>>(const std::string& id)>& stored_record) {
  std::map<std::string, size_t> seen;
  std::vector<GapVerdict> verdicts;
  verdicts.reserve(gaps.size());
  for (size_t i = 0; i < gaps.size(); ++i) {
    const std::string where = "gap " + std::to_string(i) + " (id \"" + gaps[i].id + "\")";
    if (auto [at, inserted] = seen.emplace(gaps[i].id, i); !inserted) {
      return Status::InvalidArgument(where + ": repeats gap " + std::to_string(at->second) +
                                     " of this batch");
    }
    ASSIGN_OR_RETURN(std::optional<std::string> stored, stored_record(gaps[i].id));
    if (stored && *stored != gaps[i].record) {
      return Status::InvalidArgument(where +
                                     ": stored before with a different record; a gap is not "
                                     "changed");
    }
    verdicts.push_back(stored ? GapVerdict::kUnchanged : GapVerdict::kNew);
  }
  return verdicts;
}

std::string NowRfc3339() {
  const auto now = std::chrono::system_clock::now();
  const int64_t micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[80];  // ample for any int fields: no truncation possible
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(micros % 1'000'000));
  return text;
}

}  // namespace guarantor::store::internal
