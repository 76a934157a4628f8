#include "monitor/monitoring_gap.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

namespace guarantor {
namespace {

using nlohmann::json;

Status Field(const std::string& field, const std::string& expected, const json& found) {
  std::string shown = found.dump();
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  return Status::InvalidArgument(field + ": expected " + expected + "; found " + shown);
}

Status ReadTime(const json& j, const char* key, Timestamp* out) {
  if (!j.contains(key))
    return Status::InvalidArgument(std::string(key) +
                                   ": expected a value (required); found nothing");
  if (!j[key].is_string()) return Field(key, "an RFC 3339 time", j[key]);
  Result<Timestamp> t = Timestamp::Parse(j[key].get<std::string>());
  if (!t.ok()) return Status::InvalidArgument(std::string(key) + ": " + t.status().message());
  *out = *t;
  return Status::Ok();
}

Status ReadNumber(const json& j, const std::string& path, const char* key, double lo, double hi,
                  double* out) {
  const std::string field = path.empty() ? key : path + "." + key;
  if (!j.contains(key))
    return Status::InvalidArgument(field + ": expected a value (required); found nothing");
  char range[64];
  std::snprintf(range, sizeof range, "a number in [%g, %g]", lo, hi);
  if (!j[key].is_number()) return Field(field, range, j[key]);
  const double v = j[key].get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) return Field(field, range, j[key]);
  *out = v;
  return Status::Ok();
}

}  // namespace

Status ParseMonitoringGap(std::string_view line, MonitoringGap* out) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument("record: expected a JSON object; found malformed JSON");
  }
  static const std::set<std::string> kKnown = {"id",  "source_type", "reason",   "start",
                                               "end", "center",      "radius_km"};
  for (const auto& [key, value] : j.items()) {
    if (kKnown.count(key) == 0) {
      return Status::InvalidArgument(key + ": expected a known field; found unknown field \"" +
                                     key + "\"");
    }
  }
  if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty()) {
    return Field("id", "a non-empty string", j.value("id", json()));
  }
  out->id = j["id"].get<std::string>();
  if (!j.contains("source_type") || !j["source_type"].is_string() ||
      !ParseSourceType(j["source_type"].get<std::string>())) {
    return Field("source_type", SourceTypeChoices(), j.value("source_type", json()));
  }
  out->source_type = *ParseSourceType(j["source_type"].get<std::string>());
  static const std::set<std::string> kReasons = {"denied_access", "jamming", "outage", "other"};
  if (!j.contains("reason") || !j["reason"].is_string() ||
      kReasons.count(j["reason"].get<std::string>()) == 0) {
    return Field("reason", "one of: denied_access, jamming, outage, other",
                 j.value("reason", json()));
  }
  out->reason = j["reason"].get<std::string>();
  RETURN_IF_ERROR(ReadTime(j, "start", &out->start));
  RETURN_IF_ERROR(ReadTime(j, "end", &out->end));
  if (out->end < out->start) return Field("end", "a time not before start", j["end"]);
  if (!j.contains("center") || !j["center"].is_object()) {
    return Field("center", "an object {\"lat\", \"lon\"}", j.value("center", json()));
  }
  for (const auto& [key, value] : j["center"].items()) {
    if (key != "lat" && key != "lon") {
      return Status::InvalidArgument(
          "center." + key + ": expected a known field; found unknown field \"" + key + "\"");
    }
  }
  RETURN_IF_ERROR(ReadNumber(j["center"], "center", "lat", -90, 90, &out->center.lat_deg));
  RETURN_IF_ERROR(ReadNumber(j["center"], "center", "lon", -180, 180, &out->center.lon_deg));
  double km = 0;
  RETURN_IF_ERROR(ReadNumber(j, "", "radius_km", 0, 2000, &km));
  out->radius = Distance::Kilometers(km);
  return Status::Ok();
}

std::vector<MonitoringGap> ReadMonitoringGaps(std::istream& in, const std::string& label,
                                              std::vector<Diagnostic>* rejections) {
  std::vector<MonitoringGap> gaps;
  std::string line;
  int line_number = 0;
  std::set<std::string> ids;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    MonitoringGap g;
    Status s = ParseMonitoringGap(line, &g);
    if (s.ok() && !ids.insert(g.id).second) {
      s = Status::InvalidArgument("id: expected an id not used before; found \"" + g.id +
                                  "\" again");
    }
    if (!s.ok()) {
      const std::string& m = s.message();
      const size_t colon = m.find(": ");
      rejections->push_back(Diagnostic{label, line_number, 0,
                                       colon == std::string::npos ? "" : m.substr(0, colon),
                                       colon == std::string::npos ? m : m.substr(colon + 2)});
      continue;
    }
    gaps.push_back(std::move(g));
  }
  return gaps;
}

}  // namespace guarantor
