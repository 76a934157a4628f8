#include "monitor/internal/json_line_fields.h"

#include <cmath>
#include <cstdio>

namespace guarantor::json_line_fields {

using nlohmann::json;

Status Mismatch(const std::string& field, const std::string& expected, const json& found) {
  std::string shown = found.dump();
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  return Status::InvalidArgument(field + ": expected " + expected + "; found " + shown);
}

Status UnknownField(const json& j, const std::string& path, const std::set<std::string>& known) {
  for (const auto& [key, value] : j.items()) {
    if (known.count(key) == 0) {
      const std::string field = path.empty() ? key : path + "." + key;
      return Status::InvalidArgument(field + ": expected a known field; found unknown field \"" +
                                     key + "\"");
    }
  }
  return Status::Ok();
}

Status ReadId(const json& j, const char* key, std::string* out) {
  if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty()) {
    return Mismatch(key, "a non-empty string", j.value(key, json()));
  }
  *out = j[key].get<std::string>();
  return Status::Ok();
}

Status ReadTime(const json& j, const char* key, Timestamp* out) {
  if (!j.contains(key)) {
    return Status::InvalidArgument(std::string(key) +
                                   ": expected a value (required); found nothing");
  }
  if (!j[key].is_string()) return Mismatch(key, "an RFC 3339 time", j[key]);
  Result<Timestamp> t = Timestamp::Parse(j[key].get<std::string>());
  if (!t.ok()) return Status::InvalidArgument(std::string(key) + ": " + t.status().message());
  *out = *t;
  return Status::Ok();
}

Status ReadNumber(const json& j, const std::string& path, const char* key, double lo, double hi,
                  double* out) {
  const std::string field = path.empty() ? key : path + "." + key;
  if (!j.contains(key)) {
    return Status::InvalidArgument(field + ": expected a value (required); found nothing");
  }
  char range[64];
  std::snprintf(range, sizeof range, "a number in [%g, %g]", lo, hi);
  if (!j[key].is_number()) return Mismatch(field, range, j[key]);
  const double v = j[key].get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) return Mismatch(field, range, j[key]);
  *out = v;
  return Status::Ok();
}

Status ReadLatLng(const json& j, const char* key, LatLng* out) {
  if (!j.contains(key) || !j[key].is_object()) {
    return Mismatch(key, "an object {\"lat\", \"lon\"}", j.value(key, json()));
  }
  RETURN_IF_ERROR(UnknownField(j[key], key, {"lat", "lon"}));
  RETURN_IF_ERROR(ReadNumber(j[key], key, "lat", -90, 90, &out->lat_deg));
  return ReadNumber(j[key], key, "lon", -180, 180, &out->lon_deg);
}

void ReadLines(std::istream& in, const std::string& label, std::vector<Diagnostic>* rejections,
               const std::function<Status(std::string_view line)>& read) {
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const Status s = read(line);
    if (s.ok()) continue;
    const std::string& m = s.message();
    const size_t colon = m.find(": ");
    rejections->push_back(Diagnostic{label, line_number, 0,
                                     colon == std::string::npos ? "" : m.substr(0, colon),
                                     colon == std::string::npos ? m : m.substr(colon + 2)});
  }
}

}  // namespace guarantor::json_line_fields
