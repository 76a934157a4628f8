#include "server/ingest_decoder.h"

#include <algorithm>

#include "monitor/observation_stream.h"

namespace guarantor::server {

DecodedBatch IngestDecoder::Decode(std::string_view body, const std::string& owner,
                                   Classification classification,
                                   std::optional<int64_t> latest_micros,
                                   const IngestLimits& limits) {
  DecodedBatch out;
  // At most one record per line: reserving once spares the vectors' regrowth (each a move of
  // every record so far).
  const size_t lines =
      std::min<size_t>(static_cast<size_t>(std::count(body.begin(), body.end(), '\n')) + 1,
                       static_cast<size_t>(limits.max_records));
  out.rows.reserve(lines);
  out.observations.reserve(lines);
  int64_t line_number = 0, records = 0, invalid = 0;
  size_t pos = 0;
  auto fail = [&](std::string id, std::string message) {
    ++invalid;
    if (out.errors.size() < limits.max_errors_reported) {
      out.errors.push_back({line_number, std::move(id), std::move(message)});
    }
  };
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    const size_t readable = body.size() - pos;
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (++records > limits.max_records) {
      fail("", "the batch holds more than " + std::to_string(limits.max_records) +
                   " records; split it");
      break;
    }
    LabeledObservation lo{{}, classification, owner};
    Status s = parser_.Parse(line, readable, &lo.observation);
    if (!s.ok()) {
      fail("", s.message());
      continue;
    }
    const Observation& o = lo.observation;
    const int64_t t = o.time.utc_micros();
    if (latest_micros && t > *latest_micros + kMaxFutureSeconds * 1'000'000) {
      fail(o.id, "time: " + o.time.ToRfc3339() + " is more than " +
                     std::to_string(kMaxFutureSeconds / 3600) +
                     " h after the latest accepted record; expected a plausible live report");
      continue;
    }
    latest_micros = latest_micros ? std::max(*latest_micros, t) : t;
    store::StoredObservation row;
    row.id = o.id;
    row.time_micros = t;
    row.kind = std::string(ToString(o.kind));
    row.source_id = o.source_id;
    row.source_type = std::string(ToString(o.source_type));
    row.lat = o.position.position.lat_deg;
    row.lng = o.position.position.lon_deg;
    row.owner = owner;
    row.classification = classification;
    row.record = std::string(line);
    out.rows.push_back(std::move(row));
    out.observations.push_back(std::move(lo));
  }
  out.latest_micros = latest_micros;
  if (invalid > 0) {
    if (out.errors.size() < static_cast<size_t>(invalid)) {
      out.errors.push_back({0, "",
                            std::to_string(invalid - static_cast<int64_t>(out.errors.size())) +
                                " further invalid record(s) not listed"});
    }
    out.rows.clear();
    out.observations.clear();
  }
  return out;
}

}  // namespace guarantor::server
