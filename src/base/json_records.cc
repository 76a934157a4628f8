#include "base/json_records.h"

#include <utility>

#include "base/json_lines.h"

namespace guarantor {

JsonRecordSource JsonLinesRecords(std::string path, bool may_be_absent) {
  return [path = std::move(path), may_be_absent](const JsonRecordVisitor& each) {
    Status s = ForEachJsonLine(path, [&](const nlohmann::json& j) { each(j); });
    if (may_be_absent && s.code() == StatusCode::kNotFound) return Status::Ok();
    return s;
  };
}

}  // namespace guarantor
