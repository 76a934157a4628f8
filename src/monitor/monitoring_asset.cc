#include "monitor/monitoring_asset.h"

#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "monitor/internal/json_line_fields.h"

namespace guarantor {

using nlohmann::json;
namespace fields = json_line_fields;

Status ParseMonitoringAsset(std::string_view line, MonitoringAsset* out) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument("record: expected a JSON object; found malformed JSON");
  }
  RETURN_IF_ERROR(
      fields::UnknownField(j, "", {"id", "type", "from", "to", "position", "range_km"}));
  RETURN_IF_ERROR(fields::ReadId(j, "id", &out->id));
  const std::optional<SourceType> type = j.contains("type") && j["type"].is_string()
                                             ? ParseSourceType(j["type"].get<std::string>())
                                             : std::nullopt;
  if (!type || *type == SourceType::kOsint) {
    return fields::Mismatch("type", "a source type with a place (not osint)",
                            j.value("type", json()));
  }
  out->type = *type;
  RETURN_IF_ERROR(fields::ReadTime(j, "from", &out->from));
  RETURN_IF_ERROR(fields::ReadTime(j, "to", &out->to));
  if (out->to < out->from) return fields::Mismatch("to", "a time not before from", j["to"]);
  RETURN_IF_ERROR(fields::ReadLatLng(j, "position", &out->position));
  double km = 0;
  RETURN_IF_ERROR(fields::ReadNumber(j, "", "range_km", 0.001, 500, &km));
  out->range = Distance::Kilometers(km);
  return Status::Ok();
}

std::vector<MonitoringAsset> ReadMonitoringAssets(std::istream& in, const std::string& label,
                                                  std::vector<Diagnostic>* rejections) {
  std::vector<MonitoringAsset> assets;
  std::set<std::pair<std::string, int64_t>> placements;
  fields::ReadLines(in, label, rejections, [&](std::string_view line) {
    MonitoringAsset a;
    RETURN_IF_ERROR(ParseMonitoringAsset(line, &a));
    if (!placements.emplace(a.id, a.from.utc_micros()).second) {
      return Status::InvalidArgument("from: expected one placement of \"" + a.id +
                                     "\" from each time; found a second from " +
                                     a.from.ToRfc3339());
    }
    assets.push_back(std::move(a));
    return Status::Ok();
  });
  return assets;
}

}  // namespace guarantor
