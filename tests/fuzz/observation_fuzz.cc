// libFuzzer target: the observation parser and stream on arbitrary bytes.
// Properties: no crash; every non-blank line is either accepted or rejected with a message;
// accepted observations satisfy the documented bounds; the parser's two paths (the DOM tape
// first, field by field only) give every line the same result, field for field, or the same
// message.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "monitor/observation_parser.h"
#include "monitor/observation_stream.h"
#include "support/same_observation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  guarantor::ObservationStream stream(in, "fuzz");
  guarantor::Observation o;
  int64_t accepted = 0;
  while (stream.Next(&o)) {
    ++accepted;
    if (!o.position.position.IsValid() || o.count < 1 ||
        o.count > guarantor::kMaxObservationCount || !(o.confidence >= 0 && o.confidence <= 1) ||
        o.id.empty()) {
      std::abort();
    }
  }
  for (const guarantor::Diagnostic& d : stream.rejections()) {
    if (d.message.empty() || d.line < 1) std::abort();
  }
  if (accepted != stream.accepted()) std::abort();
  if (stream.rejected() < static_cast<int64_t>(stream.rejections().size()) ||
      accepted + stream.rejected() > stream.lines_read()) {
    std::abort();
  }

  guarantor::ObservationParser fast_first,
      field_by_field(guarantor::ObservationParser::Path::kFieldByField);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    guarantor::Observation a, b;
    const guarantor::Status sa = fast_first.Parse(line, &a), sb = field_by_field.Parse(line, &b);
    if (sa.ok() != sb.ok() || sa.message() != sb.message()) std::abort();
    if (sa.ok() && !guarantor::testing::SameObservation(a, b)) std::abort();
  }
  return 0;
}
