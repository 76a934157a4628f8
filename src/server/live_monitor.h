// LiveMonitor: the monitoring engine running beside the HTTP service. Observations are folded in
// the order the store committed them, on a thread of its own, so that ingest acknowledges a
// batch as soon as it is durable; derived records (closed incidents, violations, cases,
// activations) are kept in memory with the labels of the evidence behind them, for queries and
// the live feed. At start the state is rebuilt by folding every stored observation in sequence
// order: the same inputs give the same records (design invariant 1).
//
// Memory: the engine's own state is bounded by the fusion window; the derived records grow with
// the number of incidents, about 400 bytes each in memory: their JSON lines (about 1 KiB each)
// wait in a RecordSpool, a file in the records directory, and are read back when served.
//
// Thread safety: Enqueue() from the ingest path (one caller at a time, in commit order); queries
// from any thread.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "base/record_spool.h"
#include "engine/replay_engine.h"
#include "model/observation.h"
#include "server/access_policy.h"
#include "server/internal/kept_totals.h"
#include "store/store.h"

namespace guarantor::server {

struct LabeledObservation {
  Observation observation;
  Classification classification = Classification::kCoalition;
  std::string owner;
};

// One closed incident as the service keeps it.
struct IncidentRow {
  int64_t ordinal = 0;  // 1, 2, 3, ... in closing order: the pagination cursor
  std::string id;
  int64_t first_micros = 0, last_micros = 0;
  double lat = 0, lng = 0;
  std::string kind, status, zone, party, case_id;
  std::vector<std::string> rules;
  bool violation = false;
  int severity = 0;
  Label label;
  // Its reports by source type (indexed by SourceType): what weighs a daily report's coverage.
  std::array<int32_t, kSourceTypeCount> reports_by_type{};
  RecordSpool::Handle text;  // the incidents.jsonl line: LiveMonitor::Text
};

struct CaseRow {
  int64_t ordinal = 0;
  std::string id, incident;
  std::string party;  // attributed by the engine; empty when undetermined
  int64_t opened_micros = 0;
  Label label;
  RecordSpool::Handle text;  // the cases.jsonl line, as opened: LiveMonitor::Text
};

struct ActivationRow {
  int64_t ordinal = 0;
  Activation activation;
  Label label;  // of the facts (incidents) that met the trigger
};

// A new violation, case or activation, for the live feed.
struct FeedEvent {
  std::string type;  // "violation", "case", "activation"
  std::string kind;  // the incident's observation kind; the trigger id for an activation
  std::optional<LatLng> position;
  Label label;
  std::string json;  // the alert, as one JSON object
};

struct IncidentFilter {
  std::optional<int64_t> from_micros, to_micros;  // last_seen >= from, first_seen < to
  std::optional<double> south, west, north, east;
  std::vector<std::string> kinds;
  std::string status;  // "candidate", "verified" or empty
  std::string party;   // attributed party, or empty
  std::string zone;
  std::string rule;
  bool violations_only = false;
  int min_severity = 0;
};

class LiveMonitor {
 public:
  // REQUIRES: `scenario` and `map` outlive the monitor. `publish` is called on the engine thread
  // for every feed event. The rows' texts are spooled to an unnamed file in `records_directory`
  // (empty: the system's temporary directory), or kept in memory when none can be made.
  LiveMonitor(const Scenario& scenario, const AgreementMap& map,
              std::function<void(const FeedEvent&)> publish, std::string records_directory = {});
  ~LiveMonitor();
  LiveMonitor(const LiveMonitor&) = delete;
  LiveMonitor& operator=(const LiveMonitor&) = delete;

  // `record` is called on the engine thread with each activation concluded after Rebuild, once
  // Activations() returns it and before it is published: to keep a record of it elsewhere (the
  // service appends it to the ledger). It may block; the fold waits meanwhile (each trigger fires
  // at most once, so this is rare). REQUIRES: called before Rebuild, at most once.
  void SetActivationRecorder(std::function<void(const ActivationRow&)> record);
  // Folds every stored observation (on the calling thread), then starts the engine thread.
  // Feed events raised while rebuilding are not published, nor activations recorded.
  Status Rebuild(store::Store& store);
  // Hands a committed batch over; blocks while the engine is more than kMaxQueued batches behind.
  void Enqueue(std::vector<LabeledObservation> batch);
  // Waits until every enqueued observation is folded.
  void WaitIdle();

  // Readable rows matching `filter` with ordinal > after, at most `limit`, in closing order; and
  // how many readable rows match in all.
  std::vector<IncidentRow> Incidents(const store::ReadScope& scope, const IncidentFilter& filter,
                                     int64_t after, int limit, int64_t* total) const;
  // The same, calling `visit` on each row of the page under the monitor's read lock (no copies;
  // `visit` must not call back into the monitor). Returns the page's last ordinal (or `after`).
  int64_t VisitIncidents(const store::ReadScope& scope, const IncidentFilter& filter, int64_t after,
                         int limit, int64_t* total,
                         const std::function<void(const IncidentRow&)>& visit) const;
  std::optional<IncidentRow> FindIncident(const std::string& id) const;
  std::vector<CaseRow> Cases(const store::ReadScope& scope) const;
  // Calls `read` with every case in opening order, readable or not (each row's label says),
  // under the monitor's read lock: no copies; `read` must not call back into the monitor. Cases
  // are only ever appended: cases[i] stays what it is once served.
  void ReadCases(const std::function<void(const std::vector<CaseRow>&)>& read) const;
  std::optional<CaseRow> FindCase(const std::string& id) const;
  // The text of a row (IncidentRow::text, CaseRow::text), appended to *out. Takes no lock of the
  // monitor's: may be called from VisitIncidents' and ReadCases' callbacks. An error (the spool's
  // file could not be read) leaves *out as it was.
  Status AppendText(RecordSpool::Handle text, std::string* out) const {
    return texts_.AppendTo(text, out);
  }
  Result<std::string> Text(RecordSpool::Handle text) const { return texts_.Read(text); }
  // The texts of rows, in order, with `separator` between them (RecordSpool::AppendJoined): a
  // page of rows costs a few reads of the spool, not one each. Takes no lock of the monitor's.
  Status AppendTexts(std::span<const RecordSpool::Handle> texts, std::string_view separator,
                     std::string* out) const {
    return texts_.AppendJoined(texts, separator, out);
  }
  std::vector<ActivationRow> Activations(const store::ReadScope& scope) const;
  // Adds an activation concluded outside the fold (a remedy_ignored trigger, which the
  // Commission's decisions fire: server/remedy_watch.cc), readable as `label` says. Returns its
  // row; nullopt, adding nothing, when an activation of its trigger is already kept (a trigger
  // fires at most once). Records nothing elsewhere and publishes nothing: the caller does.
  std::optional<ActivationRow> AddActivation(Activation activation, Label label);

  struct Stats {
    int64_t folded = 0, queued = 0, incidents = 0, cases = 0, activations = 0;
    // The rows' texts in all, and those of them held in memory (RecordSpool).
    int64_t text_bytes = 0, text_memory_bytes = 0;
  };
  Stats stats() const;

  static constexpr size_t kMaxQueued = 64;

 private:
  void Fold(const LabeledObservation& lo);
  void RunEngine();
  Label LabelOf(std::span<const IncidentMember> members) const;
  void OnAlert(const Alert& alert);
  void OnIncident(const IncidentRecord& rec);
  void OnCase(const Case& c);

  const Scenario& scenario_;
  const AgreementMap& map_;
  std::function<void(const FeedEvent&)> publish_;
  std::function<void(const ActivationRow&)> record_;
  bool publishing_ = false;  // engine thread only
  std::unique_ptr<ReplayEngine> engine_;
  // Labels of observations whose incident is still open (engine thread only): bounded by the
  // fusion window.
  absl::flat_hash_map<std::string, std::pair<Classification, std::string>> open_labels_;
  std::vector<Activation> pending_activations_;  // fired by the incident now closing
  std::vector<CaseRow> pending_cases_;

  // The numeric fields of incidents_[i] that list filters test first, packed so that a scan over
  // every incident reads 48 bytes per row instead of the whole row (strings, label, JSON).
  struct IncidentKey {
    int64_t first_micros, last_micros;
    double lat, lng;
    bool violation;
    int severity;
    Classification most_restricted;  // label.Highest(): a scope sharing this reads the row at once
  };

  // The rows' texts. Appended on the engine thread before the row is published under rows_mu_.
  RecordSpool texts_;
  mutable std::shared_mutex rows_mu_;
  // A deque: growing it moves no row, and never holds two copies of them all.
  std::deque<IncidentRow> incidents_;
  std::vector<IncidentKey> incident_keys_;  // parallel to incidents_
  // (first_micros, index into incidents_), sorted: the time index. Incidents close roughly in
  // time order, so an insertion lands near the end.
  std::vector<std::pair<int64_t, uint32_t>> incidents_by_first_;
  int64_t max_span_micros_ = 0;  // the longest last_micros - first_micros so far

  // The indices of the incidents that may overlap the filter's time window, in ordinal order;
  // nullopt without a window or when scanning every row is cheaper.
  std::optional<std::vector<uint32_t>> TimeWindowCandidates(const IncidentFilter& filter) const;

  // Totals of recent incident queries, by filter and scope: incidents_ is only ever appended.
  mutable KeptTotals totals_;
  absl::flat_hash_map<std::string, size_t> incident_index_;
  std::vector<CaseRow> cases_;
  absl::flat_hash_map<std::string, size_t> case_index_;
  std::vector<ActivationRow> activations_;
  std::atomic<int64_t> folded_{0};  // written by the engine thread alone

  mutable std::mutex queue_mu_;
  std::condition_variable queue_changed_;
  std::deque<std::vector<LabeledObservation>> queue_;
  bool busy_ = false, stopping_ = false;
  std::thread thread_;
};

}  // namespace guarantor::server
