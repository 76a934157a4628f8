// JsonRecordSource: a sequence of JSON records handed to a visitor, whether they are read from a
// JSON Lines file or held in memory, so that one reader serves both.
//
//   JsonRecordSource incidents = JsonLinesRecords("out/incidents.jsonl", /*may_be_absent=*/false);
//   Status s = incidents([&](const nlohmann::json& j) { Count(j.at("day")); });
//
// A source calls the visitor on each record in order and returns the first error: a record it
// cannot read, or one the visitor rejected by throwing (a missing field, a wrong type), named by
// where the record came from (a file's path and line, an id).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"

namespace guarantor {

using JsonRecordVisitor = std::function<void(const nlohmann::json&)>;
using JsonRecordSource = std::function<Status(const JsonRecordVisitor&)>;

// The lines of the file at `path`, read with ForEachJsonLine (base/json_lines.h). A missing file
// holds no record when `may_be_absent`, and is NotFound otherwise.
JsonRecordSource JsonLinesRecords(std::string path, bool may_be_absent);

// A record held as JSON text, with what names it in an error ("incidents.jsonl:12",
// "incident inc-obs-3").
struct HeldJsonRecord {
  std::string name, text;
};

// The held records, each parsed when visited. One that is not JSON, or that the visitor rejects,
// is an error of `code` reading "NAME: what was wrong".
JsonRecordSource HeldJsonRecords(std::shared_ptr<const std::vector<HeldJsonRecord>> records,
                                 StatusCode code);

}  // namespace guarantor
