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

Activation TriggerEvaluator::Fire(const Trigger& t, const Timestamp& at, std::string reason,
                                  std::vector<std::string> facts) {
  Activation a{t.id, at, std::move(reason), std::move(facts), {}};
  for (const Commitment& c : scenario_.commitments) {
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
  return a;
}

std::vector<Activation> TriggerEvaluator::Add(const VerifiedViolation& v) {
  std::vector<Activation> out = AdvanceTo(v.time);
  for (size_t i = 0; i < scenario_.triggers.size(); ++i) {
    const Trigger& t = scenario_.triggers[i];
    if (fired_[i]) continue;
    if (t.kind == TriggerKind::kProtectedSiteStrike) {
      if (v.protected_site.empty() || (!t.site.empty() && t.site != v.protected_site) ||
          (!t.party.empty() && t.party != v.party)) {
        continue;
      }
      fired_[i] = true;
      out.push_back(
          Fire(t, v.time,
               "verified violation at protected site " + v.protected_site +
                   (v.party.empty() ? ", attribution undetermined" : ", attributed to " + v.party),
               {v.incident}));
    } else if (t.kind == TriggerKind::kArmedAttack) {
      if (v.party != t.party || v.severity < t.min_severity) continue;
      AttackWindow& w = windows_[i];
      const double along = AlongLineKm(v.position);
      w.qualifying.emplace_back(v, along);
      w.along.insert(along);
      const int64_t start = v.time.utc_micros() - t.within_hours * kMicrosPerHour;
      while (w.qualifying.front().first.time.utc_micros() < start) {
        w.along.erase(w.along.find(w.qualifying.front().second));
        w.qualifying.pop_front();
      }
      const double front = *w.along.rbegin() - *w.along.begin();
      if (static_cast<int>(w.qualifying.size()) < t.min_violations || front < t.min_front_km) {
        continue;
      }
      fired_[i] = true;
      std::vector<std::string> facts;
      for (const auto& [q, pos] : w.qualifying) facts.push_back(q.incident);
      out.push_back(Fire(t, v.time,
                         std::to_string(w.qualifying.size()) +
                             " verified violations attributed to " + t.party +
                             " of severity >= " + std::to_string(t.min_severity) + " within " +
                             std::to_string(t.within_hours) + " h along " + FormatFixed(front, 1) +
                             " km of the line",
                         std::move(facts)));
      windows_.erase(i);
    }
  }
  return out;
}

std::vector<Activation> TriggerEvaluator::AdvanceTo(const Timestamp& now) {
  std::vector<Activation> out;
  if (now < now_) return out;
  now_ = now;
  for (size_t i = 0; i < scenario_.triggers.size(); ++i) {
    const Trigger& t = scenario_.triggers[i];
    if (fired_[i]) continue;
    if (t.kind == TriggerKind::kAtTime && t.at <= now) {
      fired_[i] = true;
      out.push_back(Fire(t, t.at, "the date " + t.at.ToRfc3339() + " was reached", {}));
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
      out.push_back(Fire(t, *at, reason, {fact}));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Activation& a, const Activation& b) {
    return std::tie(a.fired_at, a.trigger) < std::tie(b.fired_at, b.trigger);
  });
  return out;
}

}  // namespace guarantor
