#include "monitor/attribution_accuracy.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/rounding.h"

namespace guarantor {
namespace {

constexpr char kUndetermined[] = "undetermined";

std::string Percent(double share) { return FormatFixed(100 * share, 1) + " %"; }

void Count(AttributionAccuracy::Tally* t, const std::string& reference, const Attribution& a) {
  ++t->events;
  if (a.determined()) {
    ++t->determined;
    if (a.party == reference) ++t->correct;
  }
  if (!a.candidate.empty()) {
    ++t->with_candidate;
    if (a.candidate == reference) ++t->candidate_correct;
  }
}

}  // namespace

void AttributionAccuracy::Add(const std::string& reference, const Attribution& a) {
  if (std::find(parties_.begin(), parties_.end(), reference) == parties_.end()) {
    ++without_reference_;
    return;
  }
  Count(&overall_, reference, a);
  Count(&by_method_[std::string(ToString(a.method))], reference, a);
  ++confusion_[reference][a.determined() ? a.party : kUndetermined];
}

void AttributionAccuracy::WriteMarkdown(std::ostream& out) const {
  out << "| method | events | determined | correct | accuracy | undetermined | "
         "candidate accuracy |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  auto row = [&](const std::string& name, const Tally& t) {
    out << "| " << name << " | " << t.events << " | " << t.determined << " | " << t.correct << " | "
        << (t.determined ? Percent(t.Accuracy()) : "-") << " | " << Percent(t.UndeterminedShare())
        << " | " << (t.with_candidate ? Percent(t.CandidateAccuracy()) : "-") << " |\n";
  };
  for (const auto& [method, t] : by_method_) row(method, t);
  row("**all**", overall_);
  out << "\nConfusion matrix (rows: the record's initiator; columns: attribution):\n\n| initiator "
         "|";
  std::vector<std::string> columns = parties_;
  columns.push_back(kUndetermined);
  for (const auto& c : columns) out << " " << c << " |";
  out << "\n| --- |";
  for (size_t i = 0; i < columns.size(); ++i) out << " ---: |";
  out << "\n";
  for (const auto& p : parties_) {
    out << "| " << p << " |";
    auto it = confusion_.find(p);
    for (const auto& c : columns) {
      int n = 0;
      if (it != confusion_.end()) {
        if (auto jt = it->second.find(c); jt != it->second.end()) n = jt->second;
      }
      out << " " << n << " |";
    }
    out << "\n";
  }
  out << "\nEvents without a usable reference (initiator not a monitored party): "
      << without_reference_ << "\n";
}

std::string AttributionAccuracy::ToJson() const {
  using Json = nlohmann::ordered_json;
  auto tally = [](const Tally& t) {
    return Json{{"events", t.events},
                {"determined", t.determined},
                {"correct", t.correct},
                {"accuracy", RoundTo(t.Accuracy(), 4)},
                {"undetermined_share", RoundTo(t.UndeterminedShare(), 4)},
                {"with_candidate", t.with_candidate},
                {"candidate_accuracy", RoundTo(t.CandidateAccuracy(), 4)}};
  };
  Json methods = Json::object();
  for (const auto& [m, t] : by_method_) methods[m] = tally(t);
  Json confusion = Json::object();
  for (const auto& [ref, row] : confusion_) {
    Json r = Json::object();
    for (const auto& [col, n] : row) r[col] = n;
    confusion[ref] = r;
  }
  return Json{{"overall", tally(overall_)},
              {"by_method", methods},
              {"confusion", confusion},
              {"without_reference", without_reference_}}
      .dump();
}

Incident SingleObservationIncident(const Observation& obs) {
  Incident inc;
  inc.id = "inc-" + obs.id;
  inc.kind = obs.kind;
  inc.weapon_class = obs.weapon_class;
  inc.first_seen = obs.time;
  inc.last_seen = obs.time;
  inc.position = obs.position;
  inc.origin = obs.origin;
  if (obs.bearing) inc.bearings.push_back(*obs.bearing);
  inc.count = obs.count;
  inc.members.push_back(IncidentMember{obs.id, obs.source_id, obs.source_type, obs.time});
  inc.independent_sources = 1;
  return inc;
}

}  // namespace guarantor
