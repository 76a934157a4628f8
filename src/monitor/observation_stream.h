// ObservationStream: reads observation records from a JSON Lines stream, accepting each valid
// record and rejecting each invalid one with its line number and reason. Nothing accepted is
// dropped; blank lines are skipped and not counted as records.
//
//   ObservationStream stream(input, "obs.jsonl");
//   Observation obs;
//   while (stream.Next(&obs)) Use(obs);
//   for (const Diagnostic& r : stream.rejections()) std::cerr << r.ToString() << "\n";
//
// Thread safety: not thread-safe; one stream per reader.
#pragma once

#include <istream>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/diagnostic.h"
#include "model/observation.h"
#include "monitor/observation_parser.h"

namespace guarantor {

class ObservationStream {
 public:
  // `label` names the input in diagnostics. `in` must outlive the stream.
  ObservationStream(std::istream& in, std::string label);

  // Advances to the next accepted record; false at the end of the input. Rejected records on the
  // way are added to rejections().
  bool Next(Observation* out);

  const std::vector<Diagnostic>& rejections() const { return rejections_; }
  int64_t lines_read() const { return line_number_; }
  int64_t accepted() const { return accepted_; }
  int64_t bytes_read() const { return bytes_read_; }

 private:
  std::istream& in_;
  std::string label_;
  ObservationParser parser_;
  std::string line_;
  std::unordered_set<std::string> seen_ids_;  // ids must be unique within a stream
  std::vector<Diagnostic> rejections_;
  int64_t line_number_ = 0;
  int64_t accepted_ = 0;
  int64_t bytes_read_ = 0;
};

}  // namespace guarantor
