#include "monitor/observation_stream.h"

namespace guarantor {

ObservationStream::ObservationStream(std::istream& in, std::string label)
    : in_(in), label_(std::move(label)) {}

bool ObservationStream::Next(Observation* out) {
  while (std::getline(in_, line_)) {
    ++line_number_;
    bytes_read_ += static_cast<int64_t>(line_.size()) + 1;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_.find_first_not_of(" \t") == std::string::npos) continue;
    Status s = parser_.Parse(line_, out);
    if (s.ok() && !seen_ids_.insert(out->id).second) {
      s = Status::InvalidArgument("id: expected an id not used before in this stream; found \"" +
                                  out->id + "\" again");
    }
    if (!s.ok()) {
      // Messages from the parser start with the field path: "field: expected ...".
      const std::string& m = s.message();
      const size_t colon = m.find(": ");
      std::string field = colon == std::string::npos ? "" : m.substr(0, colon);
      std::string message = colon == std::string::npos ? m : m.substr(colon + 2);
      rejections_.push_back(Diagnostic{label_, static_cast<int>(line_number_), 0, std::move(field),
                                       std::move(message)});
      continue;
    }
    ++accepted_;
    return true;
  }
  return false;
}

}  // namespace guarantor
