#include "server/live_monitor.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "engine/incident_output.h"
#include "guarantee/activation_output.h"
#include "monitor/observation_parser.h"

namespace guarantor::server {

LiveMonitor::LiveMonitor(const Scenario& scenario, const AgreementMap& map,
                         std::function<void(const FeedEvent&)> publish,
                         std::string records_directory)
    : scenario_(scenario),
      map_(map),
      publish_(std::move(publish)),
      texts_(std::move(records_directory)) {
  ReplaySink sink;
  sink.on_alert = [this](const Alert& a) { OnAlert(a); };
  sink.on_incident = [this](const IncidentRecord& r) { OnIncident(r); };
  sink.on_case = [this](const Case& c) { OnCase(c); };
  sink.on_activation = [this](const Activation& a) { pending_activations_.push_back(a); };
  engine_ = std::make_unique<ReplayEngine>(scenario_, map_, std::move(sink));
}

LiveMonitor::~LiveMonitor() {
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    stopping_ = true;
  }
  queue_changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LiveMonitor::SetActivationRecorder(std::function<void(const ActivationRow&)> record) {
  record_ = std::move(record);
}

Status LiveMonitor::Rebuild(store::Store& store) {
  ObservationParser parser;
  Status failed;
  Status scan = store.ScanObservations(0, [&](const store::StoredObservation& row) {
    LabeledObservation lo{{}, row.classification, row.owner};
    Status s = parser.Parse(row.record, &lo.observation);
    if (!s.ok()) {
      failed = Status::Internal("stored observation " + std::to_string(row.sequence) + " (id \"" +
                                row.id + "\") no longer parses: " + s.message());
      return false;
    }
    Fold(lo);
    return true;
  });
  if (!scan.ok()) return scan;
  if (!failed.ok()) return failed;
  publishing_ = true;
  thread_ = std::thread([this] { RunEngine(); });
  return Status::Ok();
}

void LiveMonitor::Enqueue(std::vector<LabeledObservation> batch) {
  std::unique_lock<std::mutex> lock(queue_mu_);
  queue_changed_.wait(lock, [&] { return queue_.size() < kMaxQueued || stopping_; });
  queue_.push_back(std::move(batch));
  queue_changed_.notify_all();
}

void LiveMonitor::WaitIdle() {
  std::unique_lock<std::mutex> lock(queue_mu_);
  queue_changed_.wait(lock, [&] { return (queue_.empty() && !busy_) || stopping_; });
}

void LiveMonitor::RunEngine() {
  for (;;) {
    std::vector<LabeledObservation> batch;
    {
      std::unique_lock<std::mutex> lock(queue_mu_);
      queue_changed_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (stopping_) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    queue_changed_.notify_all();
    for (const LabeledObservation& lo : batch) Fold(lo);
    {
      std::lock_guard<std::mutex> lock(queue_mu_);
      busy_ = false;
    }
    queue_changed_.notify_all();
  }
}

void LiveMonitor::Fold(const LabeledObservation& lo) {
  open_labels_[lo.observation.id] = {lo.classification, lo.owner};
  engine_->Add(lo.observation);
  folded_.fetch_add(1, std::memory_order_relaxed);  // no lock: readers scan beside the fold
}

Label LiveMonitor::LabelOf(std::span<const IncidentMember> members) const {
  Label label;
  for (const IncidentMember& m : members) {
    auto it = open_labels_.find(m.observation_id);
    if (it != open_labels_.end()) label.Add(it->second.first, it->second.second);
  }
  return label;
}

void LiveMonitor::OnAlert(const Alert& alert) {
  if (!publishing_ || alert.kind == AlertKind::kTriggerFired) return;  // activations: see below
  FeedEvent event;
  event.type = alert.kind == AlertKind::kViolationVerified ? "violation" : "case";
  event.label = LabelOf(alert.evidence);
  event.json = AlertJsonLine(alert);
  event.kind = std::string(alert.incident_kind);
  event.position = alert.position;
  publish_(event);
}

void LiveMonitor::OnCase(const Case& c) {
  CaseRow row;
  row.id = c.id;
  row.incident = c.incident;
  row.party = c.attributed_party;
  row.opened_micros = c.opened_at.utc_micros();
  row.text = texts_.Append(CaseJsonLine(c));
  pending_cases_.push_back(std::move(row));
}

void LiveMonitor::OnIncident(const IncidentRecord& rec) {
  const Incident& inc = rec.incident;
  IncidentRow row;
  row.id = inc.id;
  row.first_micros = inc.first_seen.utc_micros();
  row.last_micros = inc.last_seen.utc_micros();
  row.lat = inc.position.position.lat_deg;
  row.lng = inc.position.position.lon_deg;
  row.kind = std::string(ToString(inc.kind));
  row.status = std::string(ToString(inc.status));
  row.zone = rec.assessment.at.zone;
  row.party = rec.attribution.party;
  row.case_id = rec.case_id;
  for (const RuleBreach& b : rec.assessment.breaches) row.rules.push_back(b.rule);
  row.violation = rec.assessment.violation();
  row.severity = rec.severity;
  for (const IncidentMember& m : inc.members) {
    ++row.reports_by_type[static_cast<size_t>(m.source_type)];
    auto it = open_labels_.find(m.observation_id);
    if (it == open_labels_.end()) continue;
    row.label.Add(it->second.first, it->second.second);
    open_labels_.erase(it);
  }
  row.text = texts_.Append(IncidentJsonLine(rec, scenario_.agreement.effective.offset_minutes()));

  std::vector<ActivationRow> fired;
  std::unique_lock<std::shared_mutex> lock(rows_mu_);
  row.ordinal = static_cast<int64_t>(incidents_.size()) + 1;
  incident_index_[row.id] = incidents_.size();
  const Label incident_label = row.label;
  const int64_t first = row.first_micros;
  auto at = std::upper_bound(incidents_by_first_.begin(), incidents_by_first_.end(), first,
                             [](int64_t t, const auto& e) { return t < e.first; });
  incidents_by_first_.insert(at, {first, static_cast<uint32_t>(incidents_.size())});
  max_span_micros_ = std::max(max_span_micros_, row.last_micros - row.first_micros);
  incident_keys_.push_back({row.first_micros, row.last_micros, row.lat, row.lng, row.violation,
                            row.severity, row.label.Highest()});
  incidents_.push_back(std::move(row));
  for (CaseRow& c : pending_cases_) {
    c.label = incident_label;
    c.ordinal = static_cast<int64_t>(cases_.size()) + 1;
    case_index_[c.id] = cases_.size();
    cases_.push_back(std::move(c));
  }
  pending_cases_.clear();
  for (Activation& a : pending_activations_) {
    ActivationRow ar;
    ar.ordinal = static_cast<int64_t>(activations_.size()) + 1;
    for (const std::string& fact : a.facts) {
      auto it = incident_index_.find(fact);
      // A fact that is not an incident is a diplomatic event or a date: coalition knowledge.
      if (it == incident_index_.end()) {
        ar.label.Add(Classification::kCoalition, "");
      } else {
        ar.label.Merge(incidents_[it->second].label);
      }
    }
    ar.activation = std::move(a);
    activations_.push_back(ar);
    fired.push_back(std::move(ar));
  }
  pending_activations_.clear();
  lock.unlock();
  if (!publishing_) return;
  for (const ActivationRow& ar : fired) {
    if (record_) record_(ar);
    FeedEvent event;
    event.type = "activation";
    event.kind = ar.activation.trigger;
    event.label = ar.label;
    event.json = ActivationJsonLine(ar.activation);
    publish_(event);
  }
}

namespace {

// The filter's tests on the fields an IncidentKey holds (row: an IncidentRow or its key).
template <typename Row>
bool MatchesNumbers(const Row& r, const IncidentFilter& f) {
  if (f.from_micros && r.last_micros < *f.from_micros) return false;
  if (f.to_micros && r.first_micros >= *f.to_micros) return false;
  if (f.south && r.lat < *f.south) return false;
  if (f.north && r.lat > *f.north) return false;
  if (f.west && r.lng < *f.west) return false;
  if (f.east && r.lng > *f.east) return false;
  if (f.violations_only && !r.violation) return false;
  return r.severity >= f.min_severity;
}

// The filter's remaining tests (the caller has checked MatchesNumbers).
bool MatchesText(const IncidentRow& r, const IncidentFilter& f) {
  if (!f.kinds.empty() && std::find(f.kinds.begin(), f.kinds.end(), r.kind) == f.kinds.end()) {
    return false;
  }
  if (!f.status.empty() && r.status != f.status) return false;
  if (!f.party.empty() && r.party != f.party) return false;
  if (!f.zone.empty() && r.zone != f.zone) return false;
  if (!f.rule.empty() && std::find(r.rules.begin(), r.rules.end(), f.rule) == r.rules.end()) {
    return false;
  }
  return true;
}

}  // namespace

std::vector<IncidentRow> LiveMonitor::Incidents(const store::ReadScope& scope,
                                                const IncidentFilter& filter, int64_t after,
                                                int limit, int64_t* total) const {
  std::vector<IncidentRow> page;
  VisitIncidents(scope, filter, after, limit, total,
                 [&](const IncidentRow& r) { page.push_back(r); });
  return page;
}

namespace {

// Everything a total depends on: the filter and the reader's scope (not the page).
std::string TotalKey(const store::ReadScope& scope, const IncidentFilter& f) {
  std::string key;
  const auto add_number = [&key](const auto& v) {
    char bytes[sizeof(v)];
    std::memcpy(bytes, &v, sizeof(v));
    key.append(bytes, sizeof(v));
  };
  const auto add_optional = [&](const auto& v) {
    key += v ? '1' : '0';
    if (v) add_number(*v);
  };
  const auto add_text = [&](const std::string& t) {
    add_number(t.size());
    key += t;
  };
  add_optional(f.from_micros);
  add_optional(f.to_micros);
  add_optional(f.south);
  add_optional(f.west);
  add_optional(f.north);
  add_optional(f.east);
  add_number(f.kinds.size());
  for (const std::string& k : f.kinds) add_text(k);
  add_text(f.status);
  add_text(f.party);
  add_text(f.zone);
  add_text(f.rule);
  key += f.violations_only ? '1' : '0';
  add_number(f.min_severity);
  add_number(scope.max_shared);
  add_text(scope.organisation);
  return key;
}

}  // namespace

int64_t LiveMonitor::VisitIncidents(const store::ReadScope& scope, const IncidentFilter& filter,
                                    int64_t after, int limit, int64_t* total,
                                    const std::function<void(const IncidentRow&)>& visit) const {
  std::shared_lock<std::shared_mutex> lock(rows_mu_);
  const bool text_filters = !filter.kinds.empty() || !filter.status.empty() ||
                            !filter.party.empty() || !filter.zone.empty() || !filter.rule.empty();
  // Whether row i is one the caller may read and the filter selects.
  auto selected = [&](size_t i, bool read_row) {
    const IncidentKey& key = incident_keys_[i];
    if (!MatchesNumbers(key, filter)) return false;
    // A row that needs no text test and is shared widely enough is counted without reading it.
    if (!read_row && !text_filters && key.most_restricted <= scope.max_shared) return true;
    const IncidentRow& r = incidents_[i];
    return MatchesText(r, filter) && r.label.ReadableBy(scope);
  };
  const std::optional<std::vector<uint32_t>> window = TimeWindowCandidates(filter);
  // Calls f(i) for each candidate row index in [from, to), in ordinal order, until f is false.
  auto for_rows = [&](size_t from, size_t to, const auto& f) {
    if (window) {
      for (auto it = std::lower_bound(window->begin(), window->end(), from);
           it != window->end() && *it < to; ++it) {
        if (!f(*it)) return;
      }
    } else {
      for (size_t i = from; i < to; ++i) {
        if (!f(i)) return;
      }
    }
  };

  // The page: rows after `after` (ordinal i + 1), in order, until it is full.
  int64_t last = after;
  int taken = 0;
  const size_t rows = incidents_.size();
  const auto first = static_cast<size_t>(std::clamp<int64_t>(after, 0, static_cast<int64_t>(rows)));
  if (limit > 0) {
    for_rows(first, rows, [&](size_t i) {
      if (!selected(i, true)) return true;
      visit(incidents_[i]);
      last = incidents_[i].ordinal;
      return ++taken < limit;
    });
  }
  if (total == nullptr) return last;

  // The total: kept from an earlier query like this one, plus the rows appended since.
  *total = totals_.Count(TotalKey(scope, filter), 0, rows, [&](size_t from) {
    int64_t count = 0;
    for_rows(from, rows, [&](size_t i) {
      if (selected(i, false)) ++count;
      return true;
    });
    return count;
  });
  return last;
}

std::optional<std::vector<uint32_t>> LiveMonitor::TimeWindowCandidates(
    const IncidentFilter& filter) const {
  if (!filter.from_micros && !filter.to_micros) return std::nullopt;
  // An incident overlaps [from, to) only if it began before `to` and at most max_span_ before
  // `from` (it lasted at most max_span_).
  auto begin = incidents_by_first_.begin();
  auto end = incidents_by_first_.end();
  if (filter.from_micros) {
    begin = std::lower_bound(begin, end, *filter.from_micros - max_span_micros_,
                             [](const auto& e, int64_t t) { return e.first < t; });
  }
  if (filter.to_micros) {
    end = std::lower_bound(begin, end, *filter.to_micros,
                           [](const auto& e, int64_t t) { return e.first < t; });
  }
  // A wide window is cheaper to scan in order than to sort.
  if (static_cast<size_t>(end - begin) * 4 > incidents_.size()) return std::nullopt;
  std::vector<uint32_t> out;
  out.reserve(static_cast<size_t>(end - begin));
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());  // ordinal order, as the pages go
  return out;
}

std::optional<IncidentRow> LiveMonitor::FindIncident(const std::string& id) const {
  std::shared_lock<std::shared_mutex> lock(rows_mu_);
  auto it = incident_index_.find(id);
  if (it == incident_index_.end()) return std::nullopt;
  return incidents_[it->second];
}

std::vector<CaseRow> LiveMonitor::Cases(const store::ReadScope& scope) const {
  std::shared_lock<std::shared_mutex> lock(rows_mu_);
  std::vector<CaseRow> out;
  for (const CaseRow& c : cases_) {
    if (c.label.ReadableBy(scope)) out.push_back(c);
  }
  return out;
}

void LiveMonitor::ReadCases(const std::function<void(const std::vector<CaseRow>&)>& read) const {
  std::shared_lock<std::shared_mutex> lock(rows_mu_);
  read(cases_);
}

std::optional<CaseRow> LiveMonitor::FindCase(const std::string& id) const {
  std::shared_lock<std::shared_mutex> lock(rows_mu_);
  auto it = case_index_.find(id);
  if (it == case_index_.end()) return std::nullopt;
  return cases_[it->second];
}

std::vector<ActivationRow> LiveMonitor::Activations(const store::ReadScope& scope) const {
  std::shared_lock<std::shared_mutex> lock(rows_mu_);
  std::vector<ActivationRow> out;
  for (const ActivationRow& a : activations_) {
    if (a.label.ReadableBy(scope)) out.push_back(a);
  }
  return out;
}

std::optional<ActivationRow> LiveMonitor::AddActivation(Activation activation, Label label) {
  std::unique_lock<std::shared_mutex> lock(rows_mu_);
  for (const ActivationRow& a : activations_) {
    if (a.activation.trigger == activation.trigger) return std::nullopt;
  }
  ActivationRow row{static_cast<int64_t>(activations_.size()) + 1, std::move(activation),
                    std::move(label)};
  activations_.push_back(row);
  return row;
}

LiveMonitor::Stats LiveMonitor::stats() const {
  Stats s;
  {
    std::shared_lock<std::shared_mutex> lock(rows_mu_);
    s.folded = folded_;
    s.incidents = static_cast<int64_t>(incidents_.size());
    s.cases = static_cast<int64_t>(cases_.size());
    s.activations = static_cast<int64_t>(activations_.size());
  }
  s.text_bytes = static_cast<int64_t>(texts_.size());
  s.text_memory_bytes = static_cast<int64_t>(texts_.memory_bytes());
  {
    std::lock_guard<std::mutex> lock(queue_mu_);
    for (const auto& b : queue_) s.queued += static_cast<int64_t>(b.size());
  }
  return s;
}

}  // namespace guarantor::server
