// Observations (ingest, query, export), incidents, violations and the daily report; cases and
// their triage are in case_routes.cc.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "engine/daily_report.h"
#include "engine/period_report.h"
#include "model/timestamp.h"
#include "server/internal/api.h"

namespace guarantor::server {
namespace {

using json = nlohmann::ordered_json;

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string Micros(int64_t micros) { return Timestamp(micros, 0).ToRfc3339(); }

double Rounded(double v, Detail detail) {
  return detail == Detail::kPublic ? std::round(v / 0.01) * 0.01 : v;
}

store::ObservationQuery ToStoreQuery(const ListQuery& q, const store::ReadScope& scope) {
  store::ObservationQuery sq;
  sq.scope = scope;
  sq.from_micros = q.from_micros;
  sq.to_micros = q.to_micros;
  sq.south = q.south;
  sq.west = q.west;
  sq.north = q.north;
  sq.east = q.east;
  sq.kinds = q.kinds;
  sq.ids = q.ids;
  sq.source_id = q.source;
  sq.owner = q.owner;
  sq.after_sequence = q.after;
  sq.limit = q.limit;
  return sq;
}

// Observation totals are counted up to this many; beyond, the answer says the total is at least
// that (counting a large table for every page would cost more than the page).
constexpr int64_t kObservationCountLimit = 100'000;

const std::set<std::string> kObservationParams = {"from",   "to",    "bbox",  "kind",  "id",
                                                  "source", "owner", "after", "limit", "format"};
const std::set<std::string> kIncidentParams = {"from",   "to",    "bbox",         "kind",
                                               "status", "party", "zone",         "rule",
                                               "after",  "limit", "min_severity", "format"};

void ReplyObservations(Call& c, const ListQuery& q,
                       const std::vector<store::StoredObservation>& rows, int64_t total,
                       bool total_capped) {
  const int64_t next = rows.empty() ? q.after : rows.back().sequence;
  const bool more = static_cast<int>(rows.size()) == q.limit && next < INT64_MAX;
  if (q.format == "csv") {
    std::string out = "sequence,id,time,kind,source_id,source_type,lat,lon,owner,classification\n";
    for (const store::StoredObservation& o : rows) {
      const bool own = !c.who.organisation.empty() && o.owner == c.who.organisation;
      const Detail d = own ? Detail::kFull : c.detail;
      out += std::to_string(o.sequence) + "," + CsvField(o.id) + "," + Micros(o.time_micros) + "," +
             o.kind + "," + CsvField(d == Detail::kPublic ? "" : o.source_id) + "," +
             o.source_type + "," + json(Rounded(o.lat, d)).dump() + "," +
             json(Rounded(o.lng, d)).dump() + "," + CsvField(o.owner) + "," +
             std::string(ToString(o.classification)) + "\n";
    }
    if (total >= 0) c.res.set_header("X-Total-Count", std::to_string(total));
    ReplyBody(c.res, std::move(out), "text/csv");
    return;
  }
  if (q.format == "geojson") {
    json features = json::array();
    for (const store::StoredObservation& o : rows) {
      json item = ObservationView(o, c);
      const json pos = item["record"]["position"];
      features.push_back(
          {{"type", "Feature"},
           {"geometry", {{"type", "Point"}, {"coordinates", {pos["lon"], pos["lat"]}}}},
           {"properties", item}});
    }
    if (total >= 0) c.res.set_header("X-Total-Count", std::to_string(total));
    ReplyJson(c.res, {{"type", "FeatureCollection"}, {"features", features}});
    return;
  }
  // Built as text: a record shown as recorded is copied, not parsed and printed again.
  size_t record_bytes = 0;
  for (const store::StoredObservation& o : rows) record_bytes += o.record.size() + 96;
  std::string body;
  body.reserve(record_bytes + 128);
  body += "{\"items\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const store::StoredObservation& o = rows[i];
    const bool own = !c.who.organisation.empty() && o.owner == c.who.organisation;
    if (i > 0) body += ',';
    if (own || c.detail == Detail::kFull) {
      body += "{\"sequence\":";
      body += std::to_string(o.sequence);
      body += ",\"owner\":";
      body += json(o.owner).dump();
      body += ",\"classification\":\"";
      body += ToString(o.classification);
      body += "\",\"record\":";
      body += o.record;
      body += '}';
    } else {
      body += ObservationView(o, c).dump();
    }
  }
  body += "]";
  if (total >= 0) body += ",\"total\":" + std::to_string(total);
  if (total_capped) body += ",\"total_is_lower_bound\":true";
  if (more) body += ",\"next_after\":" + std::to_string(next);
  body += "}";
  ReplyBody(c.res, std::move(body), "application/json");
}

void ReplyIncidents(Call& c, const LiveMonitor& monitor, const ListQuery& q,
                    const std::vector<IncidentRow>& rows, int64_t total) {
  const int64_t next = rows.empty() ? q.after : rows.back().ordinal;
  if (q.format == "csv") {
    std::string out =
        "ordinal,id,status,kind,first_seen,last_seen,lat,lon,zone,violation,severity,party,case\n";
    for (const IncidentRow& r : rows) {
      out += std::to_string(r.ordinal) + "," + CsvField(r.id) + "," + r.status + "," + r.kind +
             "," + Micros(r.first_micros) + "," + Micros(r.last_micros) + "," +
             json(Rounded(r.lat, c.detail)).dump() + "," + json(Rounded(r.lng, c.detail)).dump() +
             "," + r.zone + "," + (r.violation ? "true" : "false") + "," +
             std::to_string(r.severity) + "," + r.party + "," + CsvField(r.case_id) + "\n";
    }
    c.res.set_header("X-Total-Count", std::to_string(total));
    ReplyBody(c.res, std::move(out), "text/csv");
    return;
  }
  if (q.format == "geojson") {
    json features = json::array();
    for (const IncidentRow& r : rows) {
      Result<std::string> text = monitor.Text(r.text);
      if (!text.ok()) return ReplyStatus(c.res, text.status());
      json item = IncidentView(*text, c.detail);
      const json& pos = item["position"];
      features.push_back(
          {{"type", "Feature"},
           {"geometry", {{"type", "Point"}, {"coordinates", {pos["lon"], pos["lat"]}}}},
           {"properties", item}});
    }
    c.res.set_header("X-Total-Count", std::to_string(total));
    ReplyJson(c.res, {{"type", "FeatureCollection"}, {"features", features}});
    return;
  }
  // Built as text: only the public's view is coarsened; others get the records as kept.
  std::string body = "{\"items\":[";
  std::string text;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) body += ',';
    text.clear();
    if (Status s = monitor.AppendText(rows[i].text, &text); !s.ok()) return ReplyStatus(c.res, s);
    body += c.detail == Detail::kPublic ? IncidentView(text, c.detail).dump() : text;
  }
  body += "],\"total\":" + std::to_string(total);
  if (static_cast<int>(rows.size()) == q.limit) body += ",\"next_after\":" + std::to_string(next);
  body += "}";
  ReplyBody(c.res, std::move(body), "application/json");
}

IncidentFilter ToFilter(const ListQuery& q) {
  IncidentFilter f;
  f.from_micros = q.from_micros;
  f.to_micros = q.to_micros;
  f.south = q.south;
  f.west = q.west;
  f.north = q.north;
  f.east = q.east;
  f.kinds = q.kinds;
  f.status = q.status;
  f.party = q.party;
  f.zone = q.zone;
  f.rule = q.rule;
  f.min_severity = q.min_severity;
  return f;
}

// The report's format from the query (markdown by default), the query holding only `accepted`;
// replies 400 and returns "" otherwise.
std::string ReportFormatOrReply(Call& c, const std::set<std::string>& accepted) {
  std::string names;
  for (const std::string& a : accepted) names += (names.empty() ? "" : ", ") + a;
  for (const auto& [name, value] : c.req.params) {
    if (accepted.count(name) == 0) {
      ReplyError(c.res, 400,
                 "query parameter " + name + ": not taken by this endpoint; expected " + names);
      return "";
    }
  }
  std::string format = c.req.has_param("format") ? c.req.get_param_value("format") : "markdown";
  if (format != "markdown" && format != "json" && format != "geojson") {
    ReplyError(c.res, 400, "query parameter format: expected markdown, json or geojson");
    return "";
  }
  return format;
}

void ReplyReport(Call& c, const std::string& format, const std::string& markdown,
                 const std::string& json_text, const std::string& geojson) {
  if (format == "json") {
    c.res.set_content(json_text, "application/json");
  } else if (format == "geojson") {
    c.res.set_content(geojson, "application/geo+json");
  } else {
    c.res.set_content(markdown, "text/markdown; charset=utf-8");
  }
}

// The most days a period report covers: each is a daily report drawn from what the server holds.
constexpr int kMaxPeriodReportDays = 92;

}  // namespace

json ObservationView(const store::StoredObservation& o, const Call& c) {
  json record = json::parse(o.record);
  const bool own = !c.who.organisation.empty() && o.owner == c.who.organisation;
  CoarsenObservation(record, own ? Detail::kFull : c.detail);
  return {{"sequence", o.sequence},
          {"owner", o.owner},
          {"classification", ToString(o.classification)},
          {"record", record}};
}

json IncidentView(const std::string& text, Detail detail) {
  json j = json::parse(text);
  CoarsenIncident(j, detail);
  return j;
}

Result<DailyReport> HttpService::Impl::DailyReportFor(const Call& c, const std::string& day) {
  // The Commission's cases and decisions only for a reader cleared for cases.
  const bool cases_readable = Allows(c.who, Action::kReadCases);
  constexpr int64_t kDay = 86'400'000'000;
  const int64_t day_start =
      Timestamp::StartOfLocalDay(day, scenario.agreement.effective.offset_minutes()).utc_micros();
  DayRecords held =
      DailyReportRecords(c.scope, c.detail, cases_readable, day_start, day_start + kDay);
  // The gaps of the day and the day either side (the report places them in local time).
  const int64_t midnight = Timestamp::StartOfLocalDay(day, 0).utc_micros();
  Result<std::vector<MonitoringGap>> gaps =
      ReadableGaps(c.scope, midnight - kDay, midnight + 2 * kDay);
  if (!gaps.ok()) return gaps.status();
  // Where the assets stood over the day, when the caller may read any placement.
  Result<std::optional<std::vector<MonitoringAsset>>> assets =
      ReadableAssets(c.scope, day_start, day_start + kDay);
  if (!assets.ok()) return assets.status();
  return BuildDailyReport(
      {.scenario = &scenario,
       .map = &map,
       .records = std::move(held.records),
       .reports_by_type = std::move(held.reports_by_type),
       .gaps = *std::move(gaps),
       .assets = assets->has_value() ? &**assets : nullptr,
       .day = day,
       .cases_withheld =
           cases_readable ? "" : "Not shown: your role may not read Special Commission cases."});
}

void HttpService::Impl::AddMonitoringRoutes() {
  Route("POST", "/v1/observations", Action::kIngest, [this](Call& c) {
    const std::optional<Classification> classification = JsonLinesBatchOrReply(c);
    if (!classification) return;
    const auto start = std::chrono::steady_clock::now();
    thread_local IngestDecoder decoder;
    std::lock_guard<std::mutex> lock(ingest_mu);
    DecodedBatch batch = decoder.Decode(c.req.body, c.who.organisation, *classification,
                                        latest_micros, config.ingest);
    if (!batch.errors.empty()) {
      json records = json::array();
      for (const RecordError& e : batch.errors) {
        records.push_back({{"line", e.line}, {"id", e.id}, {"error", e.message}});
      }
      return ReplyJson(c.res,
                       {{"error",
                         {{"status", 422},
                          {"message", "invalid records: nothing of the batch was stored"},
                          {"records", records}}}},
                       422);
    }
    store::IngestBatch ib{c.req.get_header_value("Idempotency-Key"), c.who.user,
                          std::move(batch.rows)};
    Result<store::IngestReceipt> receipt = store.AppendObservations(ib);
    if (!receipt.ok()) return ReplyStatus(c.res, receipt.status());
    if (!receipt->replayed) {
      latest_micros = batch.latest_micros;
      metrics.CountIngest(
          receipt->count,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      monitor.Enqueue(std::move(batch.observations));
    }
    ReplyJson(c.res, {{"batch", receipt->batch},
                      {"first_sequence", receipt->first_sequence},
                      {"accepted", receipt->count},
                      {"replayed", receipt->replayed}});
  });

  Route("GET", "/v1/observations", Action::kReadMonitoring, [this](Call& c) {
    std::optional<ListQuery> q = QueryOrReply(c, kObservationParams);
    if (!q) return;
    store::ObservationQuery sq = ToStoreQuery(*q, c.scope);
    Result<std::vector<store::StoredObservation>> rows = store.QueryObservations(sq);
    if (!rows.ok()) return ReplyStatus(c.res, rows.status());
    // The total comes with the first page (after=0), where a client asks how much there is;
    // later pages skip the count, which would cost more than the page.
    int64_t total = -1;
    bool capped = false;
    if (q->after == 0) {
      sq.count_limit = kObservationCountLimit + 1;
      Result<int64_t> counted = store.CountObservations(sq);
      if (!counted.ok()) return ReplyStatus(c.res, counted.status());
      capped = *counted > kObservationCountLimit;
      total = capped ? kObservationCountLimit : *counted;
    }
    ReplyObservations(c, *q, *rows, total, capped);
  });

  auto list_incidents = [this](Call& c, bool violations_only) {
    std::optional<ListQuery> q = QueryOrReply(c, kIncidentParams);
    if (!q) return;
    IncidentFilter f = ToFilter(*q);
    f.violations_only = violations_only;
    int64_t total = 0;
    if (q->format == "json" && c.detail != Detail::kPublic) {
      // The records as kept, read from the spool after the monitor's read lock is released (a
      // handle stays valid): no copies of the rows, a few reads for the page.
      std::vector<RecordSpool::Handle> texts;
      const int64_t last =
          monitor.VisitIncidents(c.scope, f, q->after, q->limit, &total,
                                 [&](const IncidentRow& r) { texts.push_back(r.text); });
      std::string body = "{\"items\":[";
      if (Status read = monitor.AppendTexts(texts, ",", &body); !read.ok()) {
        return ReplyStatus(c.res, read);
      }
      body += "],\"total\":" + std::to_string(total);
      if (static_cast<int>(texts.size()) == q->limit) {
        body += ",\"next_after\":" + std::to_string(last);
      }
      body += "}";
      ReplyBody(c.res, std::move(body), "application/json");
      return;
    }
    std::vector<IncidentRow> rows = monitor.Incidents(c.scope, f, q->after, q->limit, &total);
    ReplyIncidents(c, monitor, *q, rows, total);
  };
  Route("GET", "/v1/incidents", Action::kReadMonitoring,
        [list_incidents](Call& c) { list_incidents(c, false); });
  Route("GET", "/v1/violations", Action::kReadMonitoring,
        [list_incidents](Call& c) { list_incidents(c, true); });
  Route("GET", R"(/v1/incidents/([^/]+))", Action::kReadMonitoring, [this](Call& c) {
    std::optional<IncidentRow> r = monitor.FindIncident(c.req.matches[1]);
    // An incident the caller may not read is reported as absent: its existence is not told.
    if (!r || !r->label.ReadableBy(c.scope)) {
      return ReplyError(c.res, 404, "incident " + std::string(c.req.matches[1]) + ": not found");
    }
    Result<std::string> text = monitor.Text(r->text);
    if (!text.ok()) return ReplyStatus(c.res, text.status());
    ReplyJson(c.res, IncidentView(*text, c.detail));
  });

  // The daily report (engine/daily_report.h) over the incidents and cases the caller may read, as
  // the caller may see them, with the monitoring gaps it may read.
  Route("GET", "/v1/reports/daily", Action::kReadMonitoring, [this](Call& c) {
    const std::string day = c.req.get_param_value("day");
    const std::string format = ReportFormatOrReply(c, {"day", "format"});
    if (format.empty()) return;
    if (Status s = CheckReportDay(day); !s.ok()) {
      return ReplyError(c.res, 400,
                        "query parameter day: expected a date YYYY-MM-DD; found \"" + day + "\"");
    }
    Result<DailyReport> report = DailyReportFor(c, day);
    if (!report.ok()) return ReplyStatus(c.res, report.status());
    ReplyReport(c, format, report->markdown, report->json, report->geojson);
  });

  // The report of a period of days, each day's report summed (engine/period_report.h).
  Route("GET", "/v1/reports/period", Action::kReadMonitoring, [this](Call& c) {
    const std::string format = ReportFormatOrReply(c, {"from", "to", "format"});
    if (format.empty()) return;
    Result<std::vector<std::string>> days = PeriodDays(
        c.req.get_param_value("from"), c.req.get_param_value("to"), kMaxPeriodReportDays);
    if (!days.ok()) return ReplyError(c.res, 400, "query parameter " + days.status().message());
    std::vector<std::string> day_json, day_geojson;
    for (const std::string& day : *days) {
      Result<DailyReport> report = DailyReportFor(c, day);
      if (!report.ok()) return ReplyStatus(c.res, report.status());
      day_json.push_back(std::move(report->json));
      day_geojson.push_back(std::move(report->geojson));
    }
    Result<PeriodReport> period = SumDailyReports(scenario, day_json);
    if (!period.ok()) return ReplyStatus(c.res, period.status());
    ReplyReport(c, format, period->markdown, period->json,
                format == "geojson" ? MergedFeatureCollections(day_geojson) : std::string());
  });
}

}  // namespace guarantor::server
