// ObservationStream: reads observation records from a JSON Lines stream, accepting each valid
// record and rejecting each invalid one with its line number and reason. Nothing accepted is
// dropped; blank lines are skipped and not counted as records.
//
// Stream rules, beyond the record format: an id may not repeat within kDuplicateWindowSeconds of
// record time (memory stays bounded by that window, not by the length of the stream; durable
// uniqueness is the store's job); a record more than kDuplicateWindowSeconds before the latest
// accepted record is rejected, since its id can no longer be checked (a batch sent again with its
// original times is thus always refused, as repeated or as too late); a record more than
// kMaxFutureSeconds after the latest accepted record is rejected as implausible (it would
// otherwise close every open incident at once).
//
//   ObservationStream stream(input, "obs.jsonl");
//   Observation obs;
//   while (stream.Next(&obs)) Use(obs);
//   stream.WriteRejections(std::cerr);
//
// Rejections are kept as Diagnostics up to kRejectionsKept; every one, however many, is counted
// and written back by WriteRejections (a TextSpool holds the rest), so a stream of bad records
// does not make memory grow either.
//
// Thread safety: not thread-safe; one stream per reader.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/line_reader.h"
#include "base/text_spool.h"
#include "model/observation.h"
#include "monitor/observation_parser.h"
#include "monitor/recent_ids.h"

namespace guarantor {

inline constexpr int64_t kDuplicateWindowSeconds = int64_t{6} * 3600;
inline constexpr int64_t kMaxFutureSeconds = int64_t{24} * 3600;
inline constexpr size_t kRejectionsKept = 1000;

class ObservationStream {
 public:
  // `label` names the input in diagnostics. `in` must outlive the stream.
  ObservationStream(std::istream& in, std::string label);
  // Reads from the open file descriptor `fd` (a file or a pipe; records are handed out as soon as
  // they arrive). The caller owns `fd` and keeps it open.
  ObservationStream(int fd, std::string label);

  // Advances to the next accepted record; false at the end of the input. Rejected records on the
  // way are counted in rejected().
  bool Next(Observation* out);
  // See LineReader::SetBeforeRead.
  void SetBeforeRead(std::function<void()> before_read) {
    lines_.SetBeforeRead(std::move(before_read));
  }
  // For archives of past events (imported CSV exports, docs/real-data.md), whose records may be
  // months apart: lifts the kMaxFutureSeconds rule, which guards live feeds. Call before Next().
  void AllowAnyGapAhead() { max_future_micros_ = INT64_MAX; }
  // True when reading the input failed (not merely ended).
  bool read_error() const { return lines_.error(); }

  // The first kRejectionsKept rejections, in input order.
  const std::vector<Diagnostic>& rejections() const { return rejections_; }
  int64_t rejected() const { return rejected_; }
  // Every rejection so far, one Diagnostic::ToString() a line, in input order. False, with
  // `out`'s failbit set, if some could not be read back (TextSpool::WriteTo).
  bool WriteRejections(std::ostream& out) const;
  int64_t lines_read() const { return line_number_; }
  int64_t accepted() const { return accepted_; }
  int64_t bytes_read() const { return bytes_read_; }

 private:
  Status CheckStreamRules(const Observation& obs);

  LineReader lines_;
  std::string label_;
  ObservationParser parser_;
  RecentIds recent_ids_;  // those seen within kDuplicateWindowSeconds
  int64_t latest_micros_ = INT64_MIN;
  int64_t max_future_micros_ = kMaxFutureSeconds * 1'000'000;
  std::vector<Diagnostic> rejections_;
  TextSpool later_rejections_;  // beyond the first kRejectionsKept, as lines
  int64_t rejected_ = 0;
  int64_t line_number_ = 0;
  int64_t accepted_ = 0;
  int64_t bytes_read_ = 0;
};

}  // namespace guarantor
