// IngestDecoder: a batch of observations as submitted over HTTP (JSON Lines, observation format
// v1) into the rows the store keeps and the observations the engine folds. A batch is accepted
// whole or not at all: every invalid record is reported with its line, id and the field at fault.
//
// Stream rules beyond the record format, as for `guarantor replay`: a record more than
// kMaxFutureSeconds after the latest accepted record (stored before, or earlier in this batch) is
// rejected. Ids are unique across the store (the store checks it when appending).
//
// Thread safety: one decoder per thread (it holds a parser's buffers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/classification.h"
#include "monitor/observation_parser.h"
#include "server/live_monitor.h"
#include "store/store.h"

namespace guarantor::server {

struct RecordError {
  int64_t line = 0;  // 1-based line of the body
  std::string id;    // when the record got as far as having one
  std::string message;
};

struct DecodedBatch {
  std::vector<store::StoredObservation> rows;
  std::vector<LabeledObservation> observations;  // the same records, parsed
  std::vector<RecordError> errors;               // empty when the batch may be stored
  std::optional<int64_t> latest_micros;          // the latest record time, valid or not
};

struct IngestLimits {
  int64_t max_records = 100'000;
  size_t max_errors_reported = 100;
};

class IngestDecoder {
 public:
  // Decodes `body`; records are owned by `owner` at `classification`. `latest_micros` is the
  // latest record time accepted so far (none for an empty store).
  DecodedBatch Decode(std::string_view body, const std::string& owner,
                      Classification classification, std::optional<int64_t> latest_micros,
                      const IngestLimits& limits = {});

 private:
  ObservationParser parser_;
};

}  // namespace guarantor::server
