#include "monitor/observation_stream.h"

#include <algorithm>

namespace guarantor {

ObservationStream::ObservationStream(std::istream& in, std::string label)
    : lines_(in, kObservationPadding), label_(std::move(label)) {}

ObservationStream::ObservationStream(int fd, std::string label)
    : lines_(fd, kObservationPadding), label_(std::move(label)) {}

Status ObservationStream::CheckStreamRules(const Observation& obs) {
  constexpr int64_t kMicros = 1'000'000;
  const int64_t t = obs.time.utc_micros();
  if (latest_micros_ != INT64_MIN && max_future_micros_ != INT64_MAX &&
      t > latest_micros_ + max_future_micros_) {
    return Status::InvalidArgument(
        "time: expected at most 24 h after the latest accepted record (" +
        Timestamp(latest_micros_, obs.time.offset_minutes()).ToRfc3339() + "); found " +
        obs.time.ToRfc3339());
  }
  // The ids of records older than this may have been forgotten: such a record could repeat one
  // (a batch sent again hours later) without being caught, and so is refused.
  const int64_t oldest_checked =
      latest_micros_ == INT64_MIN ? INT64_MIN : latest_micros_ - kDuplicateWindowSeconds * kMicros;
  if (t < oldest_checked) {
    return Status::InvalidArgument(
        "time: expected at most 6 h before the latest accepted record (" +
        Timestamp(latest_micros_, obs.time.offset_minutes()).ToRfc3339() +
        "), the span over which ids are checked for repeats; found " + obs.time.ToRfc3339());
  }
  if (!recent_ids_.Insert(obs.id, t)) {
    return Status::InvalidArgument("id: expected an id not used before in this stream; found \"" +
                                   obs.id + "\" again");
  }
  latest_micros_ = std::max(latest_micros_, t);
  recent_ids_.ForgetBefore(latest_micros_ - kDuplicateWindowSeconds * kMicros);
  return Status::Ok();
}

bool ObservationStream::Next(Observation* out) {
  std::string_view line;
  while (lines_.Next(&line)) {
    ++line_number_;
    bytes_read_ += static_cast<int64_t>(line.size()) + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    // The reader guarantees its padding past the line, even with a '\r' removed.
    Status s = parser_.Parse(line, line.size() + kObservationPadding, out);
    if (s.ok()) s = CheckStreamRules(*out);
    if (!s.ok()) {
      // Messages from the parser start with the field path: "field: expected ...".
      const std::string& m = s.message();
      const size_t colon = m.find(": ");
      std::string field = colon == std::string::npos ? "" : m.substr(0, colon);
      std::string message = colon == std::string::npos ? m : m.substr(colon + 2);
      Diagnostic rejection{label_, static_cast<int>(line_number_), 0, std::move(field),
                           std::move(message)};
      if (rejections_.size() < kRejectionsKept) {
        rejections_.push_back(std::move(rejection));
      } else {
        later_rejections_.Append(rejection.ToString() + "\n");
      }
      ++rejected_;
      continue;
    }
    ++accepted_;
    return true;
  }
  return false;
}

bool ObservationStream::WriteRejections(std::ostream& out) const {
  for (const Diagnostic& r : rejections_) out << r.ToString() << "\n";
  return later_rejections_.WriteTo(out);
}

}  // namespace guarantor
