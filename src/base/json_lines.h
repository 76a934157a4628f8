// ForEachJsonLine: reads a JSON Lines file of the project's own outputs (incidents, cases, truth)
// with nlohmann-json, one object at a time, and turns any failure into a Status naming the file
// and line. Blank lines are skipped.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace guarantor {

// Calls `each(const nlohmann::json&)` for every line `keep(std::string_view line)` accepts (a
// cheap test of the text before it is parsed, such as a substring; the other lines are skipped
// unparsed); stops at the first malformed line kept or at the first exception `each` throws (a
// missing field, a wrong type).
template <typename Keep, typename Fn>
Status ForEachJsonLineWhere(const std::string& path, Keep keep, Fn each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": expected a readable file; found none");
  std::string line;
  int64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || !keep(std::string_view(line))) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) +
                                     ": expected a JSON object; found malformed JSON");
    }
    try {
      each(j);
    } catch (const std::exception& e) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": " + e.what());
    }
  }
  return Status::Ok();
}

// Calls `each(const nlohmann::json&)` for every line, as ForEachJsonLineWhere.
template <typename Fn>
Status ForEachJsonLine(const std::string& path, Fn each) {
  return ForEachJsonLineWhere(
      path, [](std::string_view) { return true; }, std::move(each));
}

}  // namespace guarantor
