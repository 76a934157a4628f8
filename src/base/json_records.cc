#include "base/json_records.h"

#include <stdexcept>
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

JsonRecordSource HeldJsonRecords(std::shared_ptr<const std::vector<HeldJsonRecord>> records,
                                 StatusCode code) {
  return [records = std::move(records), code](const JsonRecordVisitor& each) {
    for (const HeldJsonRecord& r : *records) {
      try {
        each(nlohmann::json::parse(r.text));
      } catch (const std::exception& e) {
        return Status(code, r.name + ": " + e.what());
      }
    }
    return Status::Ok();
  };
}

}  // namespace guarantor
