#include "sim/evaluation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "base/json_lines.h"
#include "base/rounding.h"
#include "model/json_fields.h"
#include "monitor/agreement_map.h"
#include "monitor/assessment.h"

namespace guarantor {
namespace {

using nlohmann::json;

struct TruthEvent {
  std::string party;
  bool violation = false;
};

// The number of the simulator's event id at `name` ("evt-12" -> 12).
int64_t EventNumber(const json& j, const char* name) {
  const std::string_view id = StringField(j, name);
  int64_t n = 0;
  const char* end = id.data() + id.size();
  if (id.size() <= 4 || id.substr(0, 4) != "evt-" ||
      std::from_chars(id.data() + 4, end, n).ptr != end || n <= 0) {
    ThrowFieldError(name, "an event id \"evt-N\", N > 0", "\"" + std::string(id) + "\"");
  }
  return n;
}

UncertainPoint PointOf(const json& j) {
  return {LatLng{j.at("lat").get<double>(), j.at("lon").get<double>()}, 0};
}

// The incident that detects an event, among those matched to it: the one holding most of the
// event's reports, then the earliest first seen, then the lowest id. What the figures take from it.
struct Claim {
  int votes = 0;
  int64_t first_us = 0;
  std::string incident;
  bool verified = false;
  bool violation = false;
  std::string party;    // "undetermined" when so
  std::string method;   // of the attribution
  double delay_s = -1;  // first report to verification, for a verified violation; else -1

  bool Outranks(const Claim& other) const {
    if (votes != other.votes) return votes > other.votes;
    if (first_us != other.first_us) return first_us < other.first_us;
    return incident < other.incident;
  }
};

double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const size_t i = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size()))) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

// The groups of EvaluationResult::recall_by_reports: `reports` counts each observed event's
// reports, `lone_type` gives the source type of the events reported once whose report is in an
// incident, `claims` the events detected (by their detecting incident).
std::vector<RecallGroup> RecallByReports(const std::unordered_map<int64_t, int64_t>& reports,
                                         const std::unordered_map<int64_t, std::string>& lone_type,
                                         const std::unordered_map<int64_t, Claim>& claims) {
  // Keyed for the order: one report (by source type, unknown last), then two, then three or more.
  std::map<std::pair<int, int>, RecallGroup> groups;
  constexpr int kUnknownType = 1000;
  for (const auto& [event, count] : reports) {
    std::pair<int, int> key{static_cast<int>(std::min<int64_t>(count, 3)), 0};
    std::string type;
    if (count == 1) {
      auto it = lone_type.find(event);
      const std::optional<SourceType> parsed =
          it == lone_type.end() ? std::nullopt : ParseSourceType(it->second);
      key.second = parsed ? static_cast<int>(*parsed) : kUnknownType;
      type = parsed ? it->second : "unknown";
    }
    RecallGroup& group = groups[key];
    if (group.events == 0) {
      group.reports = key.first == 3 ? "3+" : std::to_string(key.first);
      group.source_type = std::move(type);
    }
    ++group.events;
    if (claims.count(event) != 0) ++group.detected;
  }
  std::vector<RecallGroup> out;
  out.reserve(groups.size());
  for (auto& [key, group] : groups) out.push_back(std::move(group));
  return out;
}

}  // namespace

Result<EvaluationResult> Evaluate(const Scenario& scenario, const std::string& truth_dir,
                                  const std::string& result_dir) {
  ASSIGN_OR_RETURN(AgreementMap map, AgreementMap::Build(scenario.agreement));
  // The fast distance to the line, as the replay assesses: it is exact wherever the distance is
  // within its tolerance of a zone's or a withdrawal's threshold (AgreementMap::Locate), so each
  // verdict is the exact one, and a truth of millions of events is judged in a fraction of the
  // time (147 s to 51 s for the 5.4 M events of the monitoring benchmark's theatre).
  const Assessor assessor(scenario.agreement, map, geo::LineOfContact::Precision::kFast);
  EvaluationResult r;
  std::unordered_map<int64_t, TruthEvent> events;
  RETURN_IF_ERROR(ForEachJsonLine(truth_dir + "/truth.jsonl", [&](const json& j) {
    Observation o;
    o.id = j.at("id").get<std::string>();
    o.time = TimeField(j, "time");
    o.kind = ChoiceField(j, "kind", ParseObservationKind, ObservationKindChoices());
    o.weapon_class = ChoiceField(j, "weapon_class", ParseWeaponClass, WeaponClassChoices());
    o.count = IntegerField(j, "count", 1, INT64_MAX);
    o.position = PointOf(j.at("impact"));
    const UncertainPoint origin = PointOf(j.at("origin"));
    if (!(origin.position == o.position.position)) o.origin = origin;
    events[EventNumber(j, "id")] = {j.at("party").get<std::string>(),
                                    assessor.Assess(o).violation()};
  }));
  r.events = static_cast<int64_t>(events.size());
  std::unordered_map<std::string, int64_t> links;
  std::unordered_map<int64_t, int64_t> reports;  // of each observed event
  RETURN_IF_ERROR(ForEachJsonLine(truth_dir + "/links.jsonl", [&](const json& j) {
    const int64_t e = j.at("event").is_null() ? 0 : EventNumber(j, "event");
    if (e != 0 && events.count(e) == 0) {
      ThrowFieldError("event", "an event of truth.jsonl",
                      "\"" + std::string(StringField(j, "event")) + "\"");
    }
    links[j.at("observation").get<std::string>()] = e;
    if (e != 0) ++reports[e];
  }));
  r.observed_events = static_cast<int64_t>(reports.size());

  std::unordered_map<int64_t, Claim> claims;           // by event: the detecting incident so far
  std::unordered_map<int64_t, std::string> lone_type;  // of the events reported once
  RETURN_IF_ERROR(ForEachJsonLine(result_dir + "/incidents.jsonl", [&](const json& j) {
    ++r.incidents;
    const bool verified = j.at("status").get<std::string>() == "verified";
    if (verified) ++r.verified;
    std::map<int64_t, int> votes;
    for (const json& m : j.at("observations")) {
      auto it = links.find(m.at("observation").get<std::string>());
      const int64_t event = it == links.end() ? 0 : it->second;
      ++votes[event];
      if (event != 0 && reports[event] == 1) lone_type[event] = m.at("type").get<std::string>();
    }
    int64_t best = 0;
    int best_votes = -1;
    for (const auto& [e, v] : votes) {
      if (v > best_votes) {
        best = e;
        best_votes = v;
      }
    }
    if (best == 0) {
      ++r.false_detections;
      return;
    }
    Claim claim;
    claim.votes = best_votes;
    claim.first_us = TimeField(j, "first_seen").utc_micros();
    claim.incident = j.at("incident").get<std::string>();
    claim.verified = verified;
    claim.violation = j.at("violation").get<bool>();
    const json& attribution = j.at("attribution");
    claim.party = attribution.at("party").get<std::string>();
    if (claim.party != "undetermined") claim.method = attribution.at("method").get<std::string>();
    if (verified && claim.violation) {
      claim.delay_s =
          static_cast<double>(TimeField(j, "verified_at").utc_micros() - claim.first_us) / 1e6;
    }
    // try_emplace leaves `claim` as it was when the event already has one.
    auto [at, added] = claims.try_emplace(best, std::move(claim));
    if (added) return;
    ++r.false_detections;  // one of the two is a duplicate
    if (claim.Outranks(at->second)) at->second = std::move(claim);
  }));
  for (const auto& [event, claim] : claims) {
    ++r.true_detections;
    if (claim.verified) ++r.verified_true;
    const TruthEvent& truth = events.at(event);
    ++r.violation_judged;
    if (claim.violation == truth.violation) ++r.violation_correct;
    if (claim.party == "undetermined") {
      ++r.undetermined;
    } else {
      MethodAccuracy& m = r.attribution_by_method[claim.method];
      ++m.attributed;
      ++r.attributed;
      if (claim.party == truth.party) {
        ++m.correct;
        ++r.attributed_correct;
      }
    }
    if (claim.delay_s >= 0) r.verification_delays_s.push_back(claim.delay_s);
  }
  auto ratio = [](int64_t a, int64_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
  };
  r.precision = ratio(r.true_detections, r.incidents);
  r.recall = ratio(r.true_detections, r.observed_events);
  r.recall_all_events = ratio(r.true_detections, r.events);
  r.f1 = r.precision + r.recall == 0 ? 0 : 2 * r.precision * r.recall / (r.precision + r.recall);
  r.verified_precision = ratio(r.verified_true, r.verified);
  r.violation_accuracy = ratio(r.violation_correct, r.violation_judged);
  r.attribution_accuracy = ratio(r.attributed_correct, r.attributed);
  r.undetermined_share = ratio(r.undetermined, r.true_detections);
  r.recall_by_reports = RecallByReports(reports, lone_type, claims);
  std::sort(r.verification_delays_s.begin(), r.verification_delays_s.end());
  r.delay_median_s = Quantile(r.verification_delays_s, 0.5);
  r.delay_p90_s = Quantile(r.verification_delays_s, 0.9);
  r.delay_max_s = r.verification_delays_s.empty() ? 0 : r.verification_delays_s.back();
  return r;
}

std::string EvaluationJson(const EvaluationResult& r) {
  nlohmann::ordered_json j;
  j["events"] = r.events;
  j["observed_events"] = r.observed_events;
  j["incidents"] = r.incidents;
  j["true_detections"] = r.true_detections;
  j["false_detections"] = r.false_detections;
  j["precision"] = RoundTo(r.precision, 4);
  j["recall"] = RoundTo(r.recall, 4);
  j["f1"] = RoundTo(r.f1, 4);
  j["recall_all_events"] = RoundTo(r.recall_all_events, 4);
  j["verified"] = r.verified;
  j["verified_precision"] = RoundTo(r.verified_precision, 4);
  j["violation_accuracy"] = RoundTo(r.violation_accuracy, 4);
  nlohmann::ordered_json methods = nlohmann::ordered_json::object();
  for (const auto& [method, m] : r.attribution_by_method) {
    methods[method] = {
        {"attributed", m.attributed},
        {"correct", m.correct},
        {"accuracy", RoundTo(m.attributed == 0 ? 0 : double(m.correct) / double(m.attributed), 4)}};
  }
  j["attribution_by_method"] = methods;
  j["attribution_accuracy"] = RoundTo(r.attribution_accuracy, 4);
  j["undetermined_share"] = RoundTo(r.undetermined_share, 4);
  j["verification_delay_s"] = {
      {"median", r.delay_median_s}, {"p90", r.delay_p90_s}, {"max", r.delay_max_s}};
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const RecallGroup& g : r.recall_by_reports) {
    groups.push_back(
        {{"reports", g.reports},
         {"source_type", g.source_type.empty() ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(g.source_type)},
         {"events", g.events},
         {"detected", g.detected},
         {"recall", RoundTo(g.recall(), 4)}});
  }
  j["recall_by_reports"] = groups;
  return j.dump();
}

std::string EvaluationMarkdown(const EvaluationResult& r) {
  char buf[2048];
  std::snprintf(
      buf, sizeof buf,
      "| measure | value |\n|---|---:|\n"
      "| truth events (reported by at least one source) | %lld (%lld) |\n"
      "| incidents (verified) | %lld (%lld) |\n"
      "| detection precision / recall / F1 | %.4f / %.4f / %.4f |\n"
      "| recall over all events | %.4f |\n"
      "| precision of verified incidents | %.4f |\n"
      "| violation classification accuracy | %.4f |\n"
      "| attribution accuracy (attributed incidents) | %.4f (%lld of %lld) |\n"
      "| undetermined share | %.4f |\n"
      "| first report to verified violation, median / p90 / max (s) | %.0f / %.0f / %.0f |\n",
      static_cast<long long>(r.events), static_cast<long long>(r.observed_events),
      static_cast<long long>(r.incidents), static_cast<long long>(r.verified), r.precision,
      r.recall, r.f1, r.recall_all_events, r.verified_precision, r.violation_accuracy,
      r.attribution_accuracy, static_cast<long long>(r.attributed_correct),
      static_cast<long long>(r.attributed), r.undetermined_share, r.delay_median_s, r.delay_p90_s,
      r.delay_max_s);
  std::string out = buf;
  out += "\n| attribution method | attributed | correct | accuracy |\n|---|---:|---:|---:|\n";
  for (const auto& [method, m] : r.attribution_by_method) {
    std::snprintf(buf, sizeof buf, "| %s | %lld | %lld | %.4f |\n", method.c_str(),
                  static_cast<long long>(m.attributed), static_cast<long long>(m.correct),
                  m.attributed == 0 ? 0.0 : double(m.correct) / double(m.attributed));
    out += buf;
  }
  out += "\n| events reported by | events | detected | recall |\n|---|---:|---:|---:|\n";
  for (const RecallGroup& g : r.recall_by_reports) {
    const std::string by = g.reports == "1"   ? "one report: " + g.source_type
                           : g.reports == "2" ? std::string("two reports")
                                              : std::string("three or more reports");
    std::snprintf(buf, sizeof buf, "| %s | %lld | %lld | %.4f |\n", by.c_str(),
                  static_cast<long long>(g.events), static_cast<long long>(g.detected), g.recall());
    out += buf;
  }
  return out;
}

}  // namespace guarantor
