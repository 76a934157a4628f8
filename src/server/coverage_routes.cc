// Monitoring gaps over HTTP: obstruction reports (denied access, jamming, outages) submitted as
// JSON Lines like observations, stored, queried, and counted in the daily report's coverage.
#include <sstream>

#include "base/rounding.h"
#include "monitor/monitoring_gap.h"
#include "server/internal/api.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

const std::set<std::string> kGapParams = {"from", "to", "bbox", "after", "limit", "format"};

// Parses every line of `body`; all valid or the errors of the invalid ones (line numbers are
// 1-based lines of the body; blank lines are skipped).
struct DecodedGaps {
  std::vector<store::StoredGap> rows;
  std::vector<RecordError> errors;
};

DecodedGaps DecodeGaps(const std::string& body, const std::string& owner,
                       Classification classification, const IngestLimits& limits) {
  DecodedGaps out;
  std::istringstream in(body);
  std::string line;
  int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (static_cast<int64_t>(out.rows.size() + out.errors.size()) >= limits.max_records) {
      out.errors.push_back(
          {number, "",
           "batch: more than " + std::to_string(limits.max_records) + " records; split it"});
      break;
    }
    MonitoringGap gap;
    if (Status s = ParseMonitoringGap(line, &gap); !s.ok()) {
      if (out.errors.size() < limits.max_errors_reported)
        out.errors.push_back({number, "", s.message()});
      continue;
    }
    store::StoredGap row;
    row.id = gap.id;
    row.start_micros = gap.start.utc_micros();
    row.end_micros = gap.end.utc_micros();
    row.lat = gap.center.lat_deg;
    row.lng = gap.center.lon_deg;
    row.radius_km = gap.radius.km();
    row.owner = owner;
    row.classification = classification;
    row.record = line;
    out.rows.push_back(std::move(row));
  }
  return out;
}

// A stored gap as a reader sees it: the record, with the centre rounded for the public.
json GapView(const store::StoredGap& g, Detail detail) {
  json record = json::parse(g.record);
  if (detail == Detail::kPublic && record.contains("center")) {
    record["center"]["lat"] = RoundTo(g.lat, 2);
    record["center"]["lon"] = RoundTo(g.lng, 2);
  }
  return record;
}

}  // namespace

Result<std::vector<MonitoringGap>> HttpService::Impl::ReadableGaps(const store::ReadScope& scope,
                                                                   int64_t from_micros,
                                                                   int64_t to_micros) {
  std::vector<MonitoringGap> gaps;
  store::GapQuery q;
  q.scope = scope;
  q.from_micros = from_micros;
  q.to_micros = to_micros;
  q.limit = kMaxPageSize;
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<store::StoredGap> page, store.QueryGaps(q));
    for (const store::StoredGap& g : page) {
      MonitoringGap gap;
      RETURN_IF_ERROR(ParseMonitoringGap(g.record, &gap));
      gaps.push_back(std::move(gap));
    }
    if (static_cast<int>(page.size()) < q.limit) return gaps;
    q.after_sequence = page.back().sequence;
  }
}

void HttpService::Impl::AddGapRoutes() {
  Route("POST", "/v1/gaps", Action::kIngest, [this](Call& c) {
    const std::optional<Classification> classification = JsonLinesBatchOrReply(c);
    if (!classification) return;
    DecodedGaps decoded =
        DecodeGaps(c.req.body, c.who.organisation, *classification, config.ingest);
    if (!decoded.errors.empty()) {
      json records = json::array();
      for (const RecordError& e : decoded.errors)
        records.push_back({{"line", e.line}, {"error", e.message}});
      return ReplyJson(c.res,
                       {{"error",
                         {{"status", 422},
                          {"message", "invalid gaps: nothing of the batch was stored"},
                          {"records", records}}}},
                       422);
    }
    Result<store::GapReceipt> receipt = store.AppendGaps(decoded.rows);
    if (!receipt.ok()) return ReplyStatus(c.res, receipt.status());
    ReplyJson(c.res, {{"stored", receipt->stored}, {"unchanged", receipt->unchanged}});
  });

  Route("GET", "/v1/gaps", Action::kReadMonitoring, [this](Call& c) {
    std::optional<ListQuery> q = QueryOrReply(c, kGapParams);
    if (!q) return;
    if (q->format == "csv") {
      return ReplyError(c.res, 400, "query parameter format: expected json or geojson");
    }
    store::GapQuery gq;
    gq.scope = c.scope;
    gq.from_micros = q->from_micros;
    gq.to_micros = q->to_micros;
    gq.south = q->south;
    gq.west = q->west;
    gq.north = q->north;
    gq.east = q->east;
    gq.after_sequence = q->after;
    gq.limit = q->limit;
    Result<std::vector<store::StoredGap>> rows = store.QueryGaps(gq);
    if (!rows.ok()) return ReplyStatus(c.res, rows.status());
    json items = json::array();
    for (const store::StoredGap& g : *rows) {
      json view = GapView(g, c.detail);
      if (q->format == "geojson") {
        json properties = view;
        properties.erase("center");
        items.push_back(
            {{"type", "Feature"},
             {"geometry",
              {{"type", "Point"}, {"coordinates", {view["center"]["lon"], view["center"]["lat"]}}}},
             {"properties", properties}});
      } else {
        items.push_back(std::move(view));
      }
    }
    json reply;
    if (q->format == "geojson") {
      reply = {{"type", "FeatureCollection"}, {"features", items}};
    } else {
      reply = {{"items", items}};
    }
    if (static_cast<int>(rows->size()) == q->limit) reply["next_after"] = rows->back().sequence;
    if (q->format == "geojson") {
      ReplyBody(c.res, reply.dump(), "application/geo+json");
    } else {
      ReplyJson(c.res, reply);
    }
  });
}

}  // namespace guarantor::server
