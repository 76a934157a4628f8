// The HTTP service's internals, shared by its route files. Private to server/.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "engine/daily_report.h"
#include "monitor/monitoring_asset.h"
#include "monitor/monitoring_gap.h"
#include "server/access_policy.h"
#include "server/event_feed.h"
#include "server/http_service.h"
#include "server/internal/case_view.h"
#include "server/internal/handler_gate.h"
#include "server/internal/kept_totals.h"
#include "server/ledger_plan.h"
#include "server/list_query.h"
#include "server/live_monitor.h"

namespace guarantor::server {

// One authenticated, authorised request.
struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  Principal who;
  store::ReadScope scope;
  Detail detail;
};

using Handler = std::function<void(Call&)>;

// Error replies: {"error": {"status": 400, "message": "..."}}.
void ReplyError(httplib::Response& res, int http_status, const std::string& message);
void ReplyStatus(httplib::Response& res, const Status& status);  // the one code -> HTTP mapping
void ReplyJson(httplib::Response& res, const nlohmann::ordered_json& body, int http_status = 200);
// What Response::set_content does, with the body moved in rather than copied (cpp-httplib 0.11
// takes it by const reference only; a page of records is tens of kilobytes).
void ReplyBody(httplib::Response& res, std::string body, const std::string& content_type);
// Parses the query string for an endpoint taking `accepted`; replies 400 and returns nullopt on
// error.
std::optional<ListQuery> QueryOrReply(Call& call, const std::set<std::string>& accepted);
// How monitoring records are shown to a caller (monitoring_routes.cc): an observation with its
// sequence, owner and classification, its record coarsened unless the caller's organisation owns
// it; an incident's record (its incidents.jsonl line) as `detail` shows it.
nlohmann::ordered_json ObservationView(const store::StoredObservation& o, const Call& c);
nlohmann::ordered_json IncidentView(const std::string& text, Detail detail);
// For a batch of JSON Lines records (observations, gaps, asset placements): checks the Content-Type
// and takes the one query parameter such a batch has, `classification` (coalition when absent).
// Replies 415 or 400 and returns nullopt on error.
std::optional<Classification> JsonLinesBatchOrReply(Call& call);

// Per-token token buckets.
class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}
  // True when `key` may make one more request now; else *retry_after_s says when.
  bool Admit(const std::string& key, double* retry_after_s);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
  double per_second_, burst_;
};

// Counters for /metrics (Prometheus text format).
class ServiceMetrics {
 public:
  void CountRequest(const std::string& route, int http_status, double seconds);
  void CountIngest(int64_t observations, double seconds);
  std::string Render(const LiveMonitor::Stats& monitor, int64_t feed_readers, int64_t feed_events,
                     int64_t reads_waiting) const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, int64_t> requests_;
  int64_t ingest_batches_ = 0, ingest_observations_ = 0;
  double ingest_seconds_ = 0;
  static constexpr double kBuckets[] = {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5};
  int64_t latency_buckets_[9] = {};
  int64_t latency_count_ = 0;
  double latency_sum_ = 0;
};

struct HttpService::Impl {
  Impl(ServiceConfig c, const Scenario& s, const AgreementMap& m, store::Store& st,
       ledger::Ledger& l);

  // Registers `handler` for `method` and `pattern` (a regular expression), behind
  // authentication, authorisation for `action`, and the rate limit.
  void Route(const std::string& method, const std::string& pattern, Action action, Handler handler);
  void AddMonitoringRoutes();  // observations, incidents, violations, the daily report
  void AddCaseRoutes();        // cases, dossiers, triage (case_routes.cc)
  void AddPlanRoutes();        // pledges, commitments, force, activations
  void AddLedgerRoutes();
  void AddFeedRoute();
  void AddCoverageRoutes();  // monitoring gaps and asset placements (coverage_routes.cc)
  void AddScenarioRoutes();  // the agreement's geometry, triggers, long-term support
  std::optional<Principal> Authenticate(const httplib::Request& req);

  // What a daily report for `scope` is drawn from, for the local day [day_start, day_end) in
  // UTC microseconds: the readable incidents first seen in it, as `detail` shows them; when
  // `with_cases`, the readable cases opened in it and every decision on a readable case; and
  // the reports of every readable incident by source type (daily_report_records.cc). The
  // incidents' and cases' sources read their texts from the monitor when visited: a text that
  // cannot be read back is their error.
  DayRecords DailyReportRecords(const store::ReadScope& scope, Detail detail, bool with_cases,
                                int64_t day_start, int64_t day_end);
  // The daily report of `day` (YYYY-MM-DD, checked) over what the caller may read, as it may
  // see it; the Special Commission's part only for a reader cleared for cases.
  Result<DailyReport> DailyReportFor(const Call& c, const std::string& day);
  // The monitoring gaps `scope` may read that overlap [from, to), parsed (coverage_routes.cc).
  Result<std::vector<MonitoringGap>> ReadableGaps(const store::ReadScope& scope,
                                                  int64_t from_micros, int64_t to_micros);
  // The asset placements `scope` may read that overlap [from, to), parsed; none (not an empty
  // list) when `scope` may read no placement at all: where the assets stood is then not known.
  Result<std::optional<std::vector<MonitoringAsset>>> ReadableAssets(const store::ReadScope& scope,
                                                                     int64_t from_micros,
                                                                     int64_t to_micros);
  // Appends a decision the store committed to the ledger, signed by config.commission_party;
  // returns the entry's sequence (decision_ledger.cc).
  Result<uint64_t> RecordDecision(const store::CaseEvent& event, const Label& case_label);
  // Appends the stored decisions the ledger lacks (a crash between the two commits).
  Status RecordMissingDecisions(const std::vector<store::CaseEvent>& events);

  // The ledger folded into the plans and the index of activations (plan_routes.cc). Entries
  // appended by this process or by another one (`guarantor ledger append`) are folded in
  // sequence order: at start, before each append, after it, and before each plan is served.
  // REQUIRES (the *Locked ones): ledger_mu held.
  Status FoldLedgerLocked();
  Status FoldAppendedLocked(const ledger::LedgerEntry& entry);
  // The plans with every entry on the ledger folded.
  Result<std::shared_ptr<const PlanSnapshot>> CurrentPlan();

  // Appends an activation the engine concluded as an `activation` entry signed by
  // config.commission_party, unless the ledger holds one of its id; returns the entry's sequence
  // (activation_ledger.cc). Called on the engine thread as activations are concluded.
  Result<uint64_t> RecordActivation(const ActivationRow& row);
  // Appends the activations rebuilt at start that the ledger lacks (a crash before their append,
  // or activations concluded before this service recorded them).
  Status RecordMissingActivations();
  // The sequence of the activation's entry, if it is on the ledger.
  std::optional<uint64_t> ActivationEntry(const Activation& activation);

  ServiceConfig config;
  const Scenario& scenario;
  const AgreementMap& map;
  store::Store& store;
  std::mutex ledger_mu;
  ledger::Ledger& ledger;
  // Guarded by ledger_mu, and declared before the monitor, whose engine thread uses them until it
  // is joined.
  LedgerPlan plan;
  std::map<std::string, uint64_t> activation_entries;  // activation id -> entry sequence
  std::unique_ptr<httplib::Server> http;
  EventFeed feed;
  LiveMonitor monitor;
  RateLimiter limiter;
  HandlerGate reads;  // admits the handlers of GET requests, config.concurrent_reads at once
  ServiceMetrics metrics;
  std::atomic<int64_t> feed_readers{0};
  std::atomic<bool> stopping{false};

  std::mutex ingest_mu;  // one batch commits and is handed to the engine at a time
  std::optional<int64_t> latest_micros;

  // Every stored case event by case, in sequence order: the triage state without a query per
  // case. Loaded at start; appended to after each event the store committed.
  void RememberCaseEvent(const store::CaseEvent& event);
  std::vector<store::CaseEvent> CaseEventsOf(const std::string& case_id);
  // The digest of a case's opening record (CaseOpeningDigest), which its events name. Taken when
  // first needed and kept: a case's opening record does not change while the server runs.
  Result<std::string> CaseDigestOf(const CaseRow& row);
  // The triage of the case `row` after its stored events (case_view.h); the digest is read only
  // for a case with events.
  Result<Triage> TriageOfCase(const CaseRow& row);
  std::mutex case_events_mu;
  std::map<std::string, std::vector<store::CaseEvent>> case_events;
  std::map<std::string, std::string> case_digests;  // case id -> CaseDigestOf; case_events_mu
  std::atomic<uint64_t> case_events_generation{0};  // one more with each event remembered

  // Announces on the feed, once each, the remedies overdue on `today` (YYYY-MM-DD, local): of
  // every case still at remedy_decided, the deadline its decision set when before today
  // (remedy_watch.cc). Run by the remedy watch alone, every config.remedy_check_seconds.
  void PublishOverdueRemedies(const std::string& today);
  // Fires the scenario's remedy_ignored triggers that the stored decisions have met by `now`
  // (guarantee/remedy_trigger.h): each activation kept by the monitor, appended to the ledger and,
  // unless it was on the ledger already (a restart), announced on the feed (remedy_watch.cc).
  void FireIgnoredRemedies(const Timestamp& now);
  void WatchRemedies();                     // the remedy watch's loop, until stopping
  std::set<std::string> overdue_published;  // case id, deadline, decision count: the watch's
  std::mutex remedy_watch_mu;
  std::condition_variable remedy_watch_wake;  // notified on Stop
  std::thread remedy_watch;

  // Totals of recent /v1/cases queries, by scope and filter (monitoring_routes.cc). One that
  // filters by triage state is kept at the case_events_generation it was counted at.
  KeptTotals case_totals;

  // Token hash -> principal, as found in the store at `checked`. An entry older than
  // config.token_recheck_seconds is looked up again, so that a revocation (`guarantor users
  // revoke`, possibly from another process) takes effect within that time.
  struct KnownToken {
    Principal who;
    std::chrono::steady_clock::time_point checked;
  };
  std::mutex tokens_mu;
  std::map<std::string, KnownToken> tokens;
  int bound_port = 0;
};

}  // namespace guarantor::server
