#include "monitor/monitoring_gap.h"

#include <nlohmann/json.hpp>
#include <set>

#include "monitor/internal/json_line_fields.h"

namespace guarantor {

using nlohmann::json;
namespace fields = json_line_fields;

Status ParseMonitoringGap(std::string_view line, MonitoringGap* out) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument("record: expected a JSON object; found malformed JSON");
  }
  RETURN_IF_ERROR(fields::UnknownField(
      j, "", {"id", "source_type", "reason", "start", "end", "center", "radius_km"}));
  RETURN_IF_ERROR(fields::ReadId(j, "id", &out->id));
  if (!j.contains("source_type") || !j["source_type"].is_string() ||
      !ParseSourceType(j["source_type"].get<std::string>())) {
    return fields::Mismatch("source_type", SourceTypeChoices(), j.value("source_type", json()));
  }
  out->source_type = *ParseSourceType(j["source_type"].get<std::string>());
  static const std::set<std::string> kReasons = {"denied_access", "jamming", "outage", "other"};
  if (!j.contains("reason") || !j["reason"].is_string() ||
      kReasons.count(j["reason"].get<std::string>()) == 0) {
    return fields::Mismatch("reason", "one of: denied_access, jamming, outage, other",
                            j.value("reason", json()));
  }
  out->reason = j["reason"].get<std::string>();
  RETURN_IF_ERROR(fields::ReadTime(j, "start", &out->start));
  RETURN_IF_ERROR(fields::ReadTime(j, "end", &out->end));
  if (out->end < out->start) return fields::Mismatch("end", "a time not before start", j["end"]);
  RETURN_IF_ERROR(fields::ReadLatLng(j, "center", &out->center));
  double km = 0;
  RETURN_IF_ERROR(fields::ReadNumber(j, "", "radius_km", 0, 2000, &km));
  out->radius = Distance::Kilometers(km);
  return Status::Ok();
}

std::vector<MonitoringGap> ReadMonitoringGaps(std::istream& in, const std::string& label,
                                              std::vector<Diagnostic>* rejections) {
  std::vector<MonitoringGap> gaps;
  std::set<std::string> ids;
  fields::ReadLines(in, label, rejections, [&](std::string_view line) {
    MonitoringGap g;
    RETURN_IF_ERROR(ParseMonitoringGap(line, &g));
    if (!ids.insert(g.id).second) {
      return Status::InvalidArgument("id: expected an id not used before; found \"" + g.id +
                                     "\" again");
    }
    gaps.push_back(std::move(g));
    return Status::Ok();
  });
  return gaps;
}

}  // namespace guarantor
