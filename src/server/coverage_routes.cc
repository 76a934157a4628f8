// The mission's coverage over HTTP: monitoring gaps (denied access, jamming, outages) and asset
// placements (where each monitoring asset stood, and how far it saw), each submitted as JSON
// Lines like observations, stored, queried within clearance, and drawn on by the daily report
// (gaps lower coverage; placements say how much of each sector was watched).
#include <sstream>

#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"
#include "server/internal/api.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

const std::set<std::string> kCoverageParams = {"from", "to", "bbox", "after", "limit", "format"};

// The rows of a batch, all valid, or the errors of its invalid lines (line numbers are 1-based
// lines of the body; blank lines are skipped).
template <typename Row>
struct DecodedLines {
  std::vector<Row> rows;
  std::vector<RecordError> errors;
};

// `to_row(line, &row)` parses one line into a row (owner, classification and record set here).
template <typename Row, typename ToRow>
DecodedLines<Row> DecodeLines(const std::string& body, const std::string& owner,
                              Classification classification, const IngestLimits& limits,
                              ToRow to_row) {
  DecodedLines<Row> out;
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
    Row row;
    if (Status s = to_row(line, &row); !s.ok()) {
      if (out.errors.size() < limits.max_errors_reported)
        out.errors.push_back({number, "", s.message()});
      continue;
    }
    row.owner = owner;
    row.classification = classification;
    row.record = line;
    out.rows.push_back(std::move(row));
  }
  return out;
}

Status GapRow(std::string_view line, store::StoredGap* row) {
  MonitoringGap gap;
  RETURN_IF_ERROR(ParseMonitoringGap(line, &gap));
  row->id = gap.id;
  row->start_micros = gap.start.utc_micros();
  row->end_micros = gap.end.utc_micros();
  row->lat = gap.center.lat_deg;
  row->lng = gap.center.lon_deg;
  row->radius_km = gap.radius.km();
  return Status::Ok();
}

Status PlacementRow(std::string_view line, store::StoredAssetPlacement* row) {
  MonitoringAsset asset;
  RETURN_IF_ERROR(ParseMonitoringAsset(line, &asset));
  row->id = asset.id;
  row->source_type = std::string(ToString(asset.type));
  row->start_micros = asset.from.utc_micros();
  row->end_micros = asset.to.utc_micros();
  row->lat = asset.position.lat_deg;
  row->lng = asset.position.lon_deg;
  row->range_km = asset.range.km();
  return Status::Ok();
}

// A stored record as the caller sees it: in full when its organisation submitted it, else
// coarsened for its detail.
template <typename Row>
json RecordView(const Row& row, const Call& c, void (*coarsen)(json&, Detail)) {
  json record = json::parse(row.record);
  const bool own = !c.who.organisation.empty() && row.owner == c.who.organisation;
  coarsen(record, own ? Detail::kFull : c.detail);
  return record;
}

// One kind of coverage record over HTTP.
template <typename Row>
struct CoverageRoute {
  const char* path;    // "/v1/gaps"
  const char* plural;  // "gaps", in messages
  const char* point;   // the record's field placing it on a map
  Status (*to_row)(std::string_view line, Row* row);
  Result<store::CoverageReceipt> (store::Store::*append)(const std::vector<Row>&);
  Result<std::vector<Row>> (store::Store::*query)(const store::CoverageQuery&);
  void (*coarsen)(json& record, Detail detail);
};

constexpr CoverageRoute<store::StoredGap> kGapRoute{.path = "/v1/gaps",
                                                    .plural = "gaps",
                                                    .point = "center",
                                                    .to_row = GapRow,
                                                    .append = &store::Store::AppendGaps,
                                                    .query = &store::Store::QueryGaps,
                                                    .coarsen = CoarsenGap};
constexpr CoverageRoute<store::StoredAssetPlacement> kPlacementRoute{
    .path = "/v1/assets",
    .plural = "asset placements",
    .point = "position",
    .to_row = PlacementRow,
    .append = &store::Store::AppendAssetPlacements,
    .query = &store::Store::QueryAssetPlacements,
    .coarsen = CoarsenAssetPlacement};

// Every record of `route` that `scope` may read overlapping [from, to), parsed by `parse`.
template <typename Row, typename Parsed>
Result<std::vector<Parsed>> ReadableRecords(store::Store& store, const CoverageRoute<Row>& route,
                                            const store::ReadScope& scope, int64_t from_micros,
                                            int64_t to_micros,
                                            Status (*parse)(std::string_view, Parsed*)) {
  std::vector<Parsed> out;
  store::CoverageQuery q;
  q.scope = scope;
  q.from_micros = from_micros;
  q.to_micros = to_micros;
  q.limit = kMaxPageSize;
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<Row> page, (store.*route.query)(q));
    for (const Row& row : page) {
      Parsed parsed;
      RETURN_IF_ERROR(parse(row.record, &parsed));
      out.push_back(std::move(parsed));
    }
    if (static_cast<int>(page.size()) < q.limit) return out;
    q.after_sequence = page.back().sequence;
  }
}

}  // namespace

Result<std::vector<MonitoringGap>> HttpService::Impl::ReadableGaps(const store::ReadScope& scope,
                                                                   int64_t from_micros,
                                                                   int64_t to_micros) {
  return ReadableRecords(store, kGapRoute, scope, from_micros, to_micros, ParseMonitoringGap);
}

Result<std::optional<std::vector<MonitoringAsset>>> HttpService::Impl::ReadableAssets(
    const store::ReadScope& scope, int64_t from_micros, int64_t to_micros) {
  store::CoverageQuery any;
  any.scope = scope;
  any.limit = 1;
  ASSIGN_OR_RETURN(std::vector<store::StoredAssetPlacement> first, store.QueryAssetPlacements(any));
  if (first.empty()) return std::optional<std::vector<MonitoringAsset>>();
  ASSIGN_OR_RETURN(
      std::vector<MonitoringAsset> assets,
      ReadableRecords(store, kPlacementRoute, scope, from_micros, to_micros, ParseMonitoringAsset));
  return std::optional<std::vector<MonitoringAsset>>(std::move(assets));
}

namespace {

// Registers a route through the service's Route (authentication, authorisation, rate limit).
using AddRoute =
    std::function<void(const std::string& method, const std::string& pattern, Action, Handler)>;

// POST and GET for `route`'s records, kept in `store`, batches within `limits`.
template <typename Row>
void AddCoverageRoute(const AddRoute& add, store::Store& store, const IngestLimits& limits,
                      const CoverageRoute<Row>& route) {
  add("POST", route.path, Action::kIngest, [&store, &limits, &route](Call& c) {
    const std::optional<Classification> classification = JsonLinesBatchOrReply(c);
    if (!classification) return;
    DecodedLines<Row> decoded =
        DecodeLines<Row>(c.req.body, c.who.organisation, *classification, limits, route.to_row);
    if (!decoded.errors.empty()) {
      json records = json::array();
      for (const RecordError& e : decoded.errors)
        records.push_back({{"line", e.line}, {"error", e.message}});
      return ReplyJson(c.res,
                       {{"error",
                         {{"status", 422},
                          {"message", std::string("invalid ") + route.plural +
                                          ": nothing of the batch was stored"},
                          {"records", records}}}},
                       422);
    }
    Result<store::CoverageReceipt> receipt = (store.*route.append)(decoded.rows);
    if (!receipt.ok()) return ReplyStatus(c.res, receipt.status());
    ReplyJson(c.res, {{"stored", receipt->stored}, {"unchanged", receipt->unchanged}});
  });

  add("GET", route.path, Action::kReadMonitoring, [&store, &route](Call& c) {
    std::optional<ListQuery> q = QueryOrReply(c, kCoverageParams);
    if (!q) return;
    if (q->format == "csv") {
      return ReplyError(c.res, 400, "query parameter format: expected json or geojson");
    }
    store::CoverageQuery cq;
    cq.scope = c.scope;
    cq.from_micros = q->from_micros;
    cq.to_micros = q->to_micros;
    cq.south = q->south;
    cq.west = q->west;
    cq.north = q->north;
    cq.east = q->east;
    cq.after_sequence = q->after;
    cq.limit = q->limit;
    Result<std::vector<Row>> rows = (store.*route.query)(cq);
    if (!rows.ok()) return ReplyStatus(c.res, rows.status());
    json items = json::array();
    for (const Row& row : *rows) {
      json view = RecordView(row, c, route.coarsen);
      if (q->format == "geojson") {
        const json point = view[route.point];
        view.erase(route.point);
        items.push_back(
            {{"type", "Feature"},
             {"geometry", {{"type", "Point"}, {"coordinates", {point["lon"], point["lat"]}}}},
             {"properties", std::move(view)}});
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

}  // namespace

void HttpService::Impl::AddCoverageRoutes() {
  const AddRoute add = [this](const std::string& method, const std::string& pattern, Action action,
                              Handler handler) {
    Route(method, pattern, action, std::move(handler));
  };
  AddCoverageRoute(add, store, config.ingest, kGapRoute);
  AddCoverageRoute(add, store, config.ingest, kPlacementRoute);
}

}  // namespace guarantor::server
