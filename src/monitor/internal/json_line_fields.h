// The checks the JSON Lines readers of monitoring gaps and monitoring assets share: each names
// the field, what was expected and what was found ("radius_km: expected a number in [0, 2000];
// found -3"). Internal to the monitor module.
#pragma once

#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

#include "base/status.h"
#include "model/lat_lng.h"
#include "model/timestamp.h"

namespace guarantor::json_line_fields {

// "FIELD: expected EXPECTED; found VALUE" (the value shortened to 40 characters).
Status Mismatch(const std::string& field, const std::string& expected, const nlohmann::json& found);
// An unknown member of `j` (an object), named with `path` ("" at the top).
Status UnknownField(const nlohmann::json& j, const std::string& path,
                    const std::set<std::string>& known);
// A required non-empty string.
Status ReadId(const nlohmann::json& j, const char* key, std::string* out);
// A required RFC 3339 time.
Status ReadTime(const nlohmann::json& j, const char* key, Timestamp* out);
// A required finite number in [lo, hi]; `path` prefixes the field's name.
Status ReadNumber(const nlohmann::json& j, const std::string& path, const char* key, double lo,
                  double hi, double* out);
// A required object {"lat", "lon"}.
Status ReadLatLng(const nlohmann::json& j, const char* key, LatLng* out);

// Calls `read` on every line of `in` that is not blank. An error it returns ("FIELD: message")
// becomes a diagnostic of that line of `label`, naming the field.
void ReadLines(std::istream& in, const std::string& label, std::vector<Diagnostic>* rejections,
               const std::function<Status(std::string_view line)>& read);

}  // namespace guarantor::json_line_fields
