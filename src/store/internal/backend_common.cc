#include "store/internal/backend_common.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <unordered_map>

#include "model/timestamp.h"

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

Result<std::vector<CoverageVerdict>> ClassifyCoverage(
    std::string_view noun, const std::vector<std::string>& keys,
    const std::vector<std::string_view>& records,
    const std::function<Result<std::optional<std::string>>(size_t i)>& stored_record) {
  std::map<std::string_view, size_t> seen;
  std::vector<CoverageVerdict> verdicts;
  verdicts.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string where = std::string(noun) + " " + std::to_string(i) + " (" + keys[i] + ")";
    if (auto [at, inserted] = seen.emplace(keys[i], i); !inserted) {
      return Status::InvalidArgument(where + ": repeats " + std::string(noun) + " " +
                                     std::to_string(at->second) + " of this batch");
    }
    ASSIGN_OR_RETURN(std::optional<std::string> stored, stored_record(i));
    if (stored && *stored != records[i]) {
      return Status::InvalidArgument(where + ": stored before with a different record; a " +
                                     std::string(noun) + " is not changed");
    }
    verdicts.push_back(stored ? CoverageVerdict::kUnchanged : CoverageVerdict::kNew);
  }
  return verdicts;
}

std::vector<std::string> GapKeys(const std::vector<StoredGap>& gaps) {
  std::vector<std::string> keys;
  keys.reserve(gaps.size());
  for (const StoredGap& g : gaps) keys.push_back("id \"" + g.id + "\"");
  return keys;
}

std::vector<std::string> PlacementKeys(const std::vector<StoredAssetPlacement>& placements) {
  std::vector<std::string> keys;
  keys.reserve(placements.size());
  for (const StoredAssetPlacement& p : placements) {
    keys.push_back("id \"" + p.id + "\", start " + Timestamp(p.start_micros, 0).ToRfc3339());
  }
  return keys;
}

namespace {

std::vector<SqlValue> GapKey(const StoredGap& g) { return {g.id}; }
std::vector<SqlValue> GapValues(const StoredGap& g) {
  return {g.id,    g.start_micros, g.end_micros, g.lat,
          g.lng,   g.radius_km,    g.owner,      static_cast<int64_t>(g.classification),
          g.record};
}
std::vector<SqlValue> PlacementKey(const StoredAssetPlacement& p) { return {p.id, p.start_micros}; }
std::vector<SqlValue> PlacementValues(const StoredAssetPlacement& p) {
  return {p.id,         p.source_type, p.start_micros,
          p.end_micros, p.lat,         p.lng,
          p.range_km,   p.owner,       static_cast<int64_t>(p.classification),
          p.record};
}

}  // namespace

const CoverageTable<StoredGap> kGapTable{
    .table = "monitoring_gaps",
    .columns =
        "sequence, id, start_micros, end_micros, lat, lng, radius_km, owner, "
        "classification, record",
    .noun = "gap",
    .key_where = "id = ?",
    .key = GapKey,
    .values = GapValues,
    .keys = GapKeys};

const CoverageTable<StoredAssetPlacement> kPlacementTable{
    .table = "asset_placements",
    .columns =
        "sequence, id, source_type, start_micros, end_micros, lat, lng, range_km, owner, "
        "classification, record",
    .noun = "placement",
    .key_where = "id = ? AND start_micros = ?",
    .key = PlacementKey,
    .values = PlacementValues,
    .keys = PlacementKeys};

CoverageStatements CoverageStatementsFor(const char* table, const char* columns,
                                         const char* key_where, Backend backend) {
  std::string values = "?";
  for (const char* c = columns; *c != '\0'; ++c) {
    if (*c == ',') values += ", ?";
  }
  // PostgreSQL numbers its placeholders, in order.
  const auto dialect = [backend](const std::string& sql) {
    if (backend == Backend::kSqlite) return sql;
    std::string out;
    int n = 0;
    for (const char ch : sql) {
      out += ch == '?' ? "$" + std::to_string(++n) : std::string(1, ch);
    }
    return out;
  };
  const std::string name = table;
  return {dialect("SELECT record FROM " + name + " WHERE " + key_where),
          dialect("INSERT INTO " + name + " (" + columns + ") VALUES (" + values + ")")};
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
