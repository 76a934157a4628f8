#include "guarantee/trigger_evaluator.h"

#include <algorithm>
#include <cstdio>

#include "base/rounding.h"
#include "geo/geodesy.h"

namespace guarantor {
namespace {

constexpr int64_t kMicrosPerHour = 3600LL * 1'000'000;

}  // namespace

TriggerEvaluator::TriggerEvaluator(const Scenario& scenario, const AgreementMap& map)
    : scenario_(scenario), map_(map), fired_(scenario.triggers.size(), false) {
  double offset = 0;  // parts laid end to end
  for (const Polyline& part : map.line().parts()) {
    std::vector<double>& mids = segment_mid_km_.emplace_back();
    double along = offset;
    for (size_t i = 0; i + 1 < part.size(); ++i) {
      const double len = geo::GeodesicDistance(part[i], part[i + 1]).km();
      mids.push_back(along + len / 2);
      along += len;
    }
    offset = along;
  }
}

double TriggerEvaluator::AlongLineKm(LatLng p) const {
  const geo::LineOfContact::Nearest n =
      map_.line().FindNearest(p, geo::LineOfContact::Precision::kFast);
  return segment_mid_km_[static_cast<size_t>(n.part)][n.segment];
}

std::vector<RestorationCheck> CheckRestoration(const std::vector<RestorationNeed>& needs,
                                               const Timestamp& fired_at,
                                               const std::vector<Obligation>& obligations) {
  std::vector<RestorationCheck> checks;
  for (const RestorationNeed& need : needs) {
    RestorationCheck check;
    check.capability = need.capability;
    check.required = need.quantity;
    check.needed_by = Timestamp(fired_at.utc_micros() + need.within_hours * kMicrosPerHour,
                                fired_at.offset_minutes());
    for (const Obligation& o : obligations) {  // in deadline order
      if (o.capability != need.capability) continue;
      check.committed_in_all += o.quantity;
      if (o.deadline <= check.needed_by) check.committed_by_then += o.quantity;
      if (!check.met_at && check.committed_in_all >= need.quantity) check.met_at = o.deadline;
    }
    checks.push_back(check);
  }
  return checks;
}

Activation PlanActivation(const Scenario& scenario, const Trigger& t, const Timestamp& at,
                          const Timestamp& facts_as_of, std::string reason,
                          std::vector<std::string> facts) {
  Activation a{t.id, at, facts_as_of, std::move(reason), std::move(facts), {}, {}};
  for (const Commitment& c : scenario.commitments) {
    if (c.trigger != t.id) continue;
    a.obligations.push_back(Obligation{
        c.id, c.party, c.response, c.capability, c.quantity,
        Timestamp(at.utc_micros() + c.deadline_hours * kMicrosPerHour, at.offset_minutes()),
        c.legally_binding, c.classification});
  }
  std::stable_sort(a.obligations.begin(), a.obligations.end(),
                   [](const Obligation& x, const Obligation& y) {
                     return std::tie(x.deadline, x.party, x.commitment) <
                            std::tie(y.deadline, y.party, y.commitment);
                   });
  a.restoration = CheckRestoration(t.restoration, at, a.obligations);
  return a;
}

std::optional<Activation> TriggerEvaluator::OnArmedAttack(size_t i, const VerifiedFact& f,
                                                          const Timestamp& at) {
  const Trigger& t = scenario_.triggers[i];
  if (!f.violation || f.party != t.party || f.severity < t.min_severity) return std::nullopt;
  AttackWindow& w = windows_[i];
  const double along = AlongLineKm(f.position);
  w.qualifying.emplace(f.time.utc_micros(), std::make_pair(f.incident, along));
  w.along.insert(along);
  // The latest fact is never older than the window's start, so the window is never empty.
  const int64_t start = w.qualifying.rbegin()->first - t.within_hours * kMicrosPerHour;
  while (w.qualifying.begin()->first < start) {
    w.along.erase(w.along.find(w.qualifying.begin()->second.second));
    w.qualifying.erase(w.qualifying.begin());
  }
  const double front = *w.along.rbegin() - *w.along.begin();
  if (static_cast<int>(w.qualifying.size()) < t.min_violations || front < t.min_front_km) {
    return std::nullopt;
  }
  std::vector<std::string> facts;
  for (const auto& [time, fact] : w.qualifying) facts.push_back(fact.first);
  Activation a = Fire(t, at, f.time,
                      std::to_string(w.qualifying.size()) + " verified violations attributed to " +
                          t.party + " of severity >= " + std::to_string(t.min_severity) +
                          " within " + std::to_string(t.within_hours) + " h along " +
                          FormatFixed(front, 1) + " km of the line",
                      std::move(facts));
  windows_.erase(i);
  return a;
}

std::vector<Activation> TriggerEvaluator::Add(const VerifiedFact& f) {
  const Timestamp at = f.known_at.value_or(f.time);
  std::vector<Activation> out = AdvanceTo(at);
  for (size_t i = 0; i < scenario_.triggers.size(); ++i) {
    const Trigger& t = scenario_.triggers[i];
    if (fired_[i]) continue;
    std::optional<Activation> fired;
    if (t.kind == TriggerKind::kProtectedSiteStrike) {
      if (!f.violation || f.protected_site.empty() ||
          (!t.site.empty() && t.site != f.protected_site) ||
          (!t.party.empty() && t.party != f.party)) {
        continue;
      }
      fired =
          Fire(t, at, f.time,
               "verified violation at protected site " + f.protected_site +
                   (f.party.empty() ? ", attribution undetermined" : ", attributed to " + f.party),
               {f.incident});
    } else if (t.kind == TriggerKind::kGroundIncursion) {
      if (f.kind != ObservationKind::kTroopMovement || f.party != t.party ||
          f.control_party.empty() || f.control_party == t.party || f.line_km < t.min_depth_km) {
        continue;
      }
      fired = Fire(t, at, f.time,
                   "verified ground forces of " + t.party + " " + FormatFixed(f.line_km, 1) +
                       " km beyond the line in the control area of " + f.control_party,
                   {f.incident});
    } else if (t.kind == TriggerKind::kArmedAttack) {
      fired = OnArmedAttack(i, f, at);
    }
    if (fired) {
      fired_[i] = true;
      out.push_back(std::move(*fired));
    }
  }
  return out;
}

std::vector<Activation> TriggerEvaluator::AdvanceTo(const Timestamp& now) {
  std::vector<Activation> out;
  if (now < now_ || now < next_check_) return out;
  now_ = now;
  int64_t next = INT64_MAX;  // the next deadline or diplomatic event after `now`
  for (size_t i = 0; i < scenario_.triggers.size(); ++i) {
    const Trigger& t = scenario_.triggers[i];
    if (fired_[i]) continue;
    if (t.kind == TriggerKind::kAtTime || t.kind == TriggerKind::kTalksRefused) {
      if (now < t.at) next = std::min(next, t.at.utc_micros());
    }
    if (t.kind == TriggerKind::kTalksRefused) {
      for (const DiplomaticEvent& e : scenario_.diplomatic_events) {
        if (e.party == t.party && now < e.time) next = std::min(next, e.time.utc_micros());
      }
    }
    if (t.kind == TriggerKind::kAtTime && t.at <= now) {
      fired_[i] = true;
      out.push_back(Fire(t, t.at, t.at, "the date " + t.at.ToRfc3339() + " was reached", {}));
    } else if (t.kind == TriggerKind::kTalksRefused) {
      // The earliest deciding event: a refusal, or the deadline without talks having started.
      std::optional<Timestamp> at;
      std::string reason, fact;
      bool started = false;
      for (const DiplomaticEvent& e : scenario_.diplomatic_events) {
        if (e.party != t.party || now < e.time) continue;
        if (e.kind == "talks_started" && e.time <= t.at) started = true;
        if (e.kind == "talks_refused" && (!at || e.time < *at)) {
          at = e.time;
          reason = t.party + " refused talks";
          fact = "diplomatic event " + e.time.ToRfc3339() + " talks_refused";
        }
      }
      if (!at && !started && t.at <= now) {
        at = t.at;
        reason = t.party + " had not started talks by " + t.at.ToRfc3339();
        fact = "no talks_started event of " + t.party + " before the deadline";
      }
      if (!at) continue;
      fired_[i] = true;
      out.push_back(Fire(t, *at, *at, reason, {fact}));
    }
  }
  next_check_ = Timestamp(next, now.offset_minutes());
  std::stable_sort(out.begin(), out.end(), [](const Activation& a, const Activation& b) {
    return std::tie(a.fired_at, a.trigger) < std::tie(b.fired_at, b.trigger);
  });
  return out;
}

}  // namespace guarantor
