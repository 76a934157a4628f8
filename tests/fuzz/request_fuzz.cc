// libFuzzer target: the HTTP API's request parsers on arbitrary bytes: the list and export
// query parameters (the input split as name=value&name=value) and the ingest body (JSON Lines).
// Properties: no crash; a query is accepted or rejected with a message naming a parameter;
// an accepted query respects its bounds; an ingest batch is all or nothing, every rejected record
// has a line and a message, and every accepted row matches its parsed observation.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/ingest_decoder.h"
#include "server/list_query.h"

namespace {

void FuzzQuery(const std::string& text) {
  guarantor::server::QueryParams params;
  size_t start = 0;
  while (start <= text.size()) {
    size_t amp = text.find('&', start);
    if (amp == std::string::npos) amp = text.size();
    const std::string pair = text.substr(start, amp - start);
    const size_t eq = pair.find('=');
    params.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    start = amp + 1;
  }
  const std::set<std::string> accepted = {
      "from",   "to",    "bbox", "kind",   "status", "after",    "limit", "min_severity",
      "format", "party", "zone", "source", "types",  "sequence", "first", "id"};
  guarantor::Result<guarantor::server::ListQuery> q =
      guarantor::server::ParseListQuery(params, accepted);
  if (!q.ok()) {
    if (q.status().message().find("query parameter") == std::string::npos) std::abort();
    return;
  }
  if (q->limit < 1 || q->limit > guarantor::server::kMaxPageSize || q->after < 0) std::abort();
  if (q->south && (*q->south > *q->north || *q->west > *q->east)) std::abort();
  if (q->min_severity < 0 || q->min_severity > 5) std::abort();
  if (q->ids.size() > guarantor::server::kMaxIds) std::abort();
  for (const std::string& id : q->ids) {
    if (id.empty() || id.size() > 128) std::abort();
  }
}

void FuzzIngest(const std::string& body) {
  static guarantor::server::IngestDecoder decoder;
  guarantor::server::DecodedBatch batch =
      decoder.Decode(body, "monitors", guarantor::Classification::kCoalition, std::nullopt);
  if (!batch.errors.empty()) {
    if (!batch.rows.empty() || !batch.observations.empty()) std::abort();
    for (const auto& e : batch.errors) {
      if (e.message.empty()) std::abort();
    }
    return;
  }
  if (batch.rows.size() != batch.observations.size()) std::abort();
  for (size_t i = 0; i < batch.rows.size(); ++i) {
    if (batch.rows[i].id != batch.observations[i].observation.id) std::abort();
    if (batch.rows[i].record.find('\n') != std::string::npos) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    FuzzQuery(text);
  } else {
    FuzzIngest(text);
  }
  return 0;
}
