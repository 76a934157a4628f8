#include "sim/theatre_simulator.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/geodesy.h"
#include "model/observation.h"

namespace guarantor {
namespace {

using nlohmann::ordered_json;
constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same bytes everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  int Int(int lo, int hi) { return lo + static_cast<int>(Uniform() * (hi - lo + 1)); }
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {  // Box-Muller
    const double u1 = std::max(Uniform(), 1e-300), u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

 private:
  uint64_t state_;
};

struct TruthEvent {
  int64_t time_micros = 0;
  std::string party;
  std::string
      pattern;  // exchange_of_fire, heavy_weapon_in_zone, movement, protected_site, exercise
  ObservationKind kind = ObservationKind::kExplosion;
  WeaponClass weapon = WeaponClass::kUnknown;
  int count = 1;
  LatLng origin;
  LatLng impact;
};

struct SensorModel {
  SourceType type;
  int fleet;                  // number of distinct sources of this type
  double detect;              // probability of reporting an event near the line
  double sigma_m;             // 1-sigma location error
  double origin_probability;  // chance the report assesses the point of origin
  double origin_sigma_m;
  double weapon_probability;  // chance the weapon class is assessed (else "unknown")
  double clock_sigma_s;
  double confidence;
  bool fire_only;
};

constexpr SensorModel kSensors[] = {
    {SourceType::kPatrol, 12, 0.45, 400, 0.3, 2000, 0.6, 60, 0.8, false},
    {SourceType::kUav, 6, 0.35, 60, 0.5, 300, 0.8, 5, 0.9, false},
    {SourceType::kCamera, 20, 0.25, 200, 0.2, 1500, 0.5, 2, 0.85, false},
    {SourceType::kAcoustic, 8, 0.45, 800, 0.7, 1200, 0.4, 1, 0.7, true},
    {SourceType::kOsint, 5, 0.2, 3000, 0.0, 0, 0.3, 900, 0.4, false},
};

bool IsFireKind(ObservationKind k) {
  return k == ObservationKind::kSmallArmsFire || k == ObservationKind::kMortarFire ||
         k == ObservationKind::kArtilleryFire || k == ObservationKind::kRocketFire ||
         k == ObservationKind::kDroneStrike || k == ObservationKind::kMissileStrike;
}

class Theatre {
 public:
  Theatre(const Scenario& s, const AgreementMap& map, uint64_t seed)
      : scenario_(s), map_(map), rng_(seed) {
    for (const Polyline& part : s.agreement.line_of_contact) {
      for (size_t i = 0; i + 1 < part.size(); ++i) {
        total_ += geo::GeodesicDistance(part[i], part[i + 1]).meters();
        segments_.push_back({part[i], part[i + 1], total_});
      }
    }
    for (const ControlArea& ca : s.agreement.control_areas) parties_.push_back(ca.party);
  }

  // A random event of a random party during the day starting at `day_start`.
  bool MakeEvent(int64_t day_start, TruthEvent* e) {
    e->time_micros = day_start + static_cast<int64_t>(rng_.Uniform() * 86'400) * kMicrosPerSecond;
    e->party = parties_[static_cast<size_t>(rng_.Int(0, static_cast<int>(parties_.size()) - 1))];
    const double r = rng_.Uniform();
    if (r < 0.55) return ExchangeOfFire(e);
    if (r < 0.70) return HeavyWeaponInZone(e);
    if (r < 0.80) return Movement(e);
    if (r < 0.85 && !scenario_.agreement.protected_sites.empty()) return ProtectedSiteStrike(e);
    return Exercise(e);
  }

  void Report(const TruthEvent& e, std::vector<Observation>* out) {
    const double line_km = map_.Locate(e.impact).distance_to_line.km();
    for (const SensorModel& s : kSensors) {
      if (s.fire_only && !IsFireKind(e.kind)) continue;
      const double p = line_km < 20 ? s.detect : s.detect * 0.3;
      if (!rng_.Chance(p)) continue;
      Observation o;
      o.time = Timestamp(
          e.time_micros + static_cast<int64_t>(rng_.Normal() * s.clock_sigma_s * kMicrosPerSecond),
          scenario_.agreement.effective.offset_minutes());
      o.time = Timestamp(o.time.utc_micros() / kMicrosPerSecond * kMicrosPerSecond,
                         o.time.offset_minutes());
      o.source_type = s.type;
      o.source_id = std::string(ToString(s.type)) + "-" + TwoDigits(rng_.Int(1, s.fleet));
      o.kind = e.kind;
      o.position = {Jitter(e.impact, s.sigma_m), s.sigma_m};
      if (e.origin != e.impact && rng_.Chance(s.origin_probability)) {
        o.origin = UncertainPoint{Jitter(e.origin, s.origin_sigma_m), s.origin_sigma_m};
      }
      o.weapon_class = rng_.Chance(s.weapon_probability) ? e.weapon : WeaponClass::kUnknown;
      o.count = std::max<int64_t>(1, std::llround(e.count * rng_.Uniform(0.7, 1.3)));
      o.confidence = s.confidence;
      out->push_back(std::move(o));
    }
  }

  Observation FalseAlarm(int64_t day_start) {
    LatLng base = PointOnLine();
    Observation o;
    o.time = Timestamp(day_start + static_cast<int64_t>(rng_.Uniform() * 86'400) * kMicrosPerSecond,
                       scenario_.agreement.effective.offset_minutes());
    const SensorModel& s = kSensors[static_cast<size_t>(rng_.Int(0, 4))];
    o.source_type = s.type;
    o.source_id = std::string(ToString(s.type)) + "-" + TwoDigits(rng_.Int(1, s.fleet));
    o.kind = ObservationKind::kExplosion;
    o.position = {Jitter(base, 8000), s.sigma_m};
    o.confidence = s.confidence * 0.5;
    return o;
  }

 private:
  struct Segment {
    LatLng a, b;
    double cumulative_m;
  };

  static std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

  LatLng Jitter(LatLng p, double sigma_m) {
    const double dx = rng_.Normal() * sigma_m, dy = rng_.Normal() * sigma_m;
    return geo::GeodesicDestination(p, std::atan2(dx, dy) * 180.0 / M_PI,
                                    Distance::Meters(std::hypot(dx, dy)));
  }

  // A uniformly random point of the line and the azimuth of the line there.
  LatLng PointOnLine(double* azimuth = nullptr) {
    const double at = rng_.Uniform() * total_;
    auto it = std::lower_bound(segments_.begin(), segments_.end(), at,
                               [](const Segment& s, double v) { return s.cumulative_m < v; });
    if (it == segments_.end()) --it;
    const double seg_len = geo::GeodesicDistance(it->a, it->b).meters();
    const double az = geo::GeodesicAzimuth(it->a, it->b);
    if (azimuth != nullptr) *azimuth = az;
    return geo::GeodesicDestination(it->a, az, Distance::Meters(seg_len - (it->cumulative_m - at)));
  }

  // A point `km` from the line on `party`'s side, near a random point of the line.
  bool PointOnSide(const std::string& party, double km, LatLng* base, LatLng* out,
                   double* toward_party = nullptr) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      double az = 0;
      *base = PointOnLine(&az);
      for (double turn : {90.0, -90.0}) {
        const LatLng probe = geo::GeodesicDestination(*base, az + turn, Distance::Kilometers(2));
        if (map_.Locate(probe).control_party != party) continue;
        *out = geo::GeodesicDestination(*base, az + turn, Distance::Kilometers(km));
        if (map_.Locate(*out).control_party != party) continue;
        if (toward_party != nullptr) *toward_party = az + turn;
        return true;
      }
    }
    return false;
  }

  bool ExchangeOfFire(TruthEvent* e) {
    struct Weapon {
      WeaponClass w;
      ObservationKind k;
      double min_km, max_km;
      int max_count;
    };
    static constexpr Weapon kWeapons[] = {
        {WeaponClass::kSmallArms, ObservationKind::kSmallArmsFire, 0.2, 0.8, 60},
        {WeaponClass::kMortar, ObservationKind::kMortarFire, 1, 5, 20},
        {WeaponClass::kArtilleryLt100mm, ObservationKind::kArtilleryFire, 3, 10, 15},
        {WeaponClass::kArtilleryGe100mm, ObservationKind::kArtilleryFire, 5, 20, 25},
        {WeaponClass::kMlrs, ObservationKind::kRocketFire, 8, 30, 40},
    };
    const Weapon& w = kWeapons[static_cast<size_t>(rng_.Int(0, 4))];
    LatLng base;
    double toward = 0;
    if (!PointOnSide(e->party, rng_.Uniform(w.min_km, w.max_km), &base, &e->origin, &toward)) {
      return false;
    }
    // Separate statements: the order of evaluation of function arguments is unspecified, and
    // the draws must happen in the same order under every compiler.
    const double spread_deg = rng_.Uniform(-30, 30);
    const double range_km = rng_.Uniform(0.3, 6);
    e->impact = geo::GeodesicDestination(base, toward + 180 + spread_deg,
                                         Distance::Kilometers(range_km));
    e->pattern = "exchange_of_fire";
    e->kind = w.k;
    e->weapon = w.w;
    e->count = rng_.Int(1, w.max_count);
    return true;
  }

  bool HeavyWeaponInZone(TruthEvent* e) {
    static constexpr WeaponClass kHeavy[] = {WeaponClass::kArtilleryGe100mm, WeaponClass::kMlrs,
                                             WeaponClass::kTank, WeaponClass::kHeavyMlrs};
    LatLng base;
    if (!PointOnSide(e->party, rng_.Uniform(2, 80), &base, &e->impact)) return false;
    e->origin = e->impact;
    e->pattern = "heavy_weapon_sighting";
    e->kind = ObservationKind::kWeaponSighting;
    e->weapon = kHeavy[static_cast<size_t>(rng_.Int(0, 3))];
    e->count = rng_.Int(1, 6);
    return true;
  }

  bool Movement(TruthEvent* e) {
    const auto& areas = scenario_.agreement.disengagement_areas;
    e->pattern = "troop_movement";
    e->kind = ObservationKind::kTroopMovement;
    e->weapon = WeaponClass::kUnknown;
    e->count = rng_.Int(2, 40);
    if (!areas.empty() && rng_.Chance(0.4)) {
      const Ring& ring = areas[static_cast<size_t>(rng_.Int(0, static_cast<int>(areas.size()) - 1))]
                             .area.front()
                             .outer;
      LatLng c{0, 0};
      for (const LatLng& v : ring) {
        c.lat_deg += v.lat_deg / static_cast<double>(ring.size());
        c.lon_deg += v.lon_deg / static_cast<double>(ring.size());
      }
      e->impact = Jitter(c, 500);
      e->origin = e->impact;
      e->pattern = "disengagement_area_presence";
      return true;
    }
    LatLng base;
    if (!PointOnSide(e->party, rng_.Uniform(1, 14), &base, &e->impact)) return false;
    e->origin = e->impact;
    return true;
  }

  bool ProtectedSiteStrike(TruthEvent* e) {
    const auto& sites = scenario_.agreement.protected_sites;
    const ProtectedSite& site =
        sites[static_cast<size_t>(rng_.Int(0, static_cast<int>(sites.size()) - 1))];
    e->impact = Jitter(site.position, site.radius.meters() / 4);
    e->origin = e->impact;
    e->pattern = "protected_site_strike";
    e->kind = ObservationKind::kDroneStrike;
    e->weapon = WeaponClass::kDrone;
    e->count = rng_.Int(1, 3);
    return true;
  }

  bool Exercise(TruthEvent* e) {
    LatLng base;
    if (!PointOnSide(e->party, rng_.Uniform(90, 150), &base, &e->impact)) return false;
    e->origin = e->impact;
    e->pattern = "exercise";
    e->kind = ObservationKind::kArtilleryFire;
    e->weapon = WeaponClass::kArtilleryGe100mm;
    e->count = rng_.Int(5, 30);
    return true;
  }

  const Scenario& scenario_;
  const AgreementMap& map_;
  Random rng_;
  std::vector<Segment> segments_;
  std::vector<std::string> parties_;
  double total_ = 0;
};

ordered_json PointJson(const UncertainPoint& p) {
  auto r6 = [](double v) { return std::round(v * 1e6) / 1e6; };
  return {{"lat", r6(p.position.lat_deg)},
          {"lon", r6(p.position.lon_deg)},
          {"uncertainty_m", p.uncertainty_m}};
}

}  // namespace

Result<SimulationCounts> SimulateTheatre(const Scenario& scenario, const AgreementMap& map,
                                         const SimulationOptions& options, std::ostream& truth,
                                         std::ostream& observations) {
  if (scenario.agreement.control_areas.empty()) {
    return Status::FailedPrecondition("the scenario has no control areas to simulate parties in");
  }
  Theatre theatre(scenario, map, options.seed);
  SimulationCounts counts;
  const int offset = scenario.agreement.effective.offset_minutes();
  const int64_t start = scenario.agreement.effective.utc_micros();
  for (int day = 0; day < options.days; ++day) {
    const int64_t day_start = start + day * kMicrosPerDay;
    std::vector<TruthEvent> events;
    for (int i = 0; i < options.events_per_day; ++i) {
      TruthEvent e;
      if (theatre.MakeEvent(day_start, &e)) events.push_back(std::move(e));
    }
    std::stable_sort(events.begin(), events.end(), [](const TruthEvent& a, const TruthEvent& b) {
      return a.time_micros < b.time_micros;
    });
    std::vector<std::pair<Observation, int64_t>> reports;  // observation, truth event number
    for (const TruthEvent& e : events) {
      ++counts.events;
      std::vector<Observation> seen;
      theatre.Report(e, &seen);
      for (Observation& o : seen) reports.emplace_back(std::move(o), counts.events);
      ordered_json j;
      j["id"] = "evt-" + std::to_string(counts.events);
      j["time"] = Timestamp(e.time_micros, offset).ToRfc3339();
      j["party"] = e.party;
      j["pattern"] = e.pattern;
      j["kind"] = std::string(ToString(e.kind));
      j["weapon_class"] = std::string(ToString(e.weapon));
      j["count"] = e.count;
      j["origin"] = PointJson({e.origin, 0});
      j["impact"] = PointJson({e.impact, 0});
      truth << j.dump() << '\n';
    }
    const int false_alarms =
        static_cast<int>(std::lround(events.size() * options.false_alarm_rate));
    for (int i = 0; i < false_alarms; ++i) reports.emplace_back(theatre.FalseAlarm(day_start), 0);
    std::stable_sort(reports.begin(), reports.end(),
                     [](const auto& a, const auto& b) { return a.first.time < b.first.time; });
    for (auto& [o, event] : reports) {
      ++counts.observations;
      ordered_json j;
      j["id"] = "obs-" + std::to_string(counts.observations);
      j["time"] = o.time.ToRfc3339();
      j["source"] = {{"id", o.source_id}, {"type", std::string(ToString(o.source_type))}};
      j["kind"] = std::string(ToString(o.kind));
      j["position"] = PointJson(o.position);
      if (o.origin) j["origin"] = PointJson(*o.origin);
      j["weapon_class"] = std::string(ToString(o.weapon_class));
      j["count"] = o.count;
      j["confidence"] = o.confidence;
      observations << j.dump() << '\n';
    }
  }
  return counts;
}

}  // namespace guarantor
