// ObservationParser: one JSON Lines record (observation format v1, docs/observation-format.md)
// into a validated Observation, with simdjson: the usual record from its DOM tape, anything
// else field by field with its On-Demand API.
//
//   ObservationParser parser;
//   Observation obs;
//   Status s = parser.Parse(line, &obs);  // "position.lat: expected a number in [-90, 90] ..."
//
// Unknown fields, duplicate fields, out-of-range values and trailing content are errors: a record
// is accepted whole or rejected whole, with a message naming the field.
//
// Thread safety: a parser holds reusable buffers; use one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/observation.h"

namespace guarantor {

// Bounds that make a record implausible rather than merely unusual.
inline constexpr int64_t kMaxObservationCount = 100000;
inline constexpr double kMaxUncertaintyMeters = 500000;
inline constexpr size_t kMaxIdLength = 128;
inline constexpr size_t kMaxNotesLength = 4096;
inline constexpr double kMaxTimeUncertaintySeconds = 7 * 86400;
// Bytes past a record that the parser may read (simdjson's padding).
inline constexpr size_t kObservationPadding = 64;

class ObservationParser {
 public:
  // kFastFirst reads the usual record from simdjson's DOM tape and takes the field-by-field
  // On-Demand path for anything else, which words every message; kFieldByField takes only the
  // latter (the tests' and fuzz target's reference: both give the same results).
  enum class Path { kFastFirst, kFieldByField };
  explicit ObservationParser(Path path = Path::kFastFirst);
  ~ObservationParser();
  ObservationParser(const ObservationParser&) = delete;
  ObservationParser& operator=(const ObservationParser&) = delete;

  // Parses `line` (one JSON object, without the newline). On error `out` is unspecified.
  Status Parse(std::string_view line, Observation* out);
  // The same, reading `line` where it lies when `readable` bytes from line.data() may be read
  // (simdjson reads up to kObservationPadding bytes past the end); otherwise from a copy.
  Status Parse(std::string_view line, size_t readable, Observation* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guarantor
