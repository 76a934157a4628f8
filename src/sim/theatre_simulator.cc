#include "sim/theatre_simulator.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

#include "base/json_text.h"
#include "base/rounding.h"
#include "geo/geodesy.h"
#include "model/observation.h"
#include "model/point_text.h"
#include "sim/line_path.h"
#include "sim/random.h"
#include "sim/sensor_network.h"

namespace guarantor {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;

struct TruthEvent {
  int64_t time_micros = 0;
  std::string party;
  std::string pattern;  // exchange_of_fire, heavy_weapon_sighting, troop_movement, ...
  ObservationKind kind = ObservationKind::kExplosion;
  WeaponClass weapon = WeaponClass::kUnknown;
  int count = 1;
  LatLng origin;
  LatLng impact;
};

struct Gap {
  std::string id;
  SourceType source_type;
  int64_t start_micros, end_micros;
  LatLng center;
  double radius_m;
  std::string reason;
};

// A report waiting in the reorder buffer, ordered by arrival.
struct PendingReport {
  int64_t arrival_micros;
  int64_t seq;
  Observation obs;
  int64_t event;  // 0 for a false alarm
  bool operator>(const PendingReport& o) const {
    return std::tie(arrival_micros, seq) > std::tie(o.arrival_micros, o.seq);
  }
};

class Theatre {
 public:
  Theatre(const Scenario& s, const AgreementMap& map, const SimulationOptions& options)
      : scenario_(s),
        map_(map),
        options_(options),
        rng_(options.seed),
        line_(s.agreement.line_of_contact),
        network_(
            line_, options.assets, s.agreement.effective.utc_micros(),
            s.agreement.effective.utc_micros() + int64_t{options.days} * 86400 * kMicrosPerSecond) {
    for (const ControlArea& ca : s.agreement.control_areas) parties_.push_back(ca.party);
    // False alarms come from any type but the satellites, whose reports are dated to a pass.
    for (const SensorModel& m : SensorNetwork::Models()) {
      if (m.placement != AssetPlacement::kPass) false_alarm_models_.push_back(&m);
    }
    if (options.offensive_day >= 0) {
      offensive_base_ = map.line().FindNearest(options.offensive_sector).closest;
    }
  }

  Random& rng() { return rng_; }
  SensorNetwork& network() { return network_; }

  // Gaps of one day, sorted by start.
  std::vector<Gap> MakeGaps(int64_t day_start, int day) {
    std::vector<Gap> gaps;
    const int n = static_cast<int>(std::lround(3 * options_.obstruction));
    static constexpr std::pair<SourceType, const char*> kKinds[] = {
        {SourceType::kPatrol, "denied_access"},
        {SourceType::kUav, "jamming"},
        {SourceType::kCamera, "outage"},
        {SourceType::kAcoustic, "outage"},
        {SourceType::kRadar, "jamming"}};
    for (int i = 0; i < n; ++i) {
      Gap g;
      const auto& kind = kKinds[static_cast<size_t>(rng_.Int(0, 4))];
      g.source_type = kind.first;
      g.reason = kind.second;
      g.center = PointOnLine();
      g.radius_m = rng_.Uniform(10000, 40000) * std::max(1.0, options_.obstruction);
      g.start_micros = day_start + static_cast<int64_t>(rng_.Uniform() * 86400) * kMicrosPerSecond;
      g.end_micros =
          g.start_micros + static_cast<int64_t>(rng_.Uniform(2, 12) * 3600) * kMicrosPerSecond;
      g.id = "gap-" + std::to_string(day + 1) + "-" + std::to_string(i + 1);
      gaps.push_back(g);
    }
    std::stable_sort(gaps.begin(), gaps.end(),
                     [](const Gap& a, const Gap& b) { return a.start_micros < b.start_micros; });
    active_gaps_.insert(active_gaps_.end(), gaps.begin(), gaps.end());
    return gaps;
  }

  void ForgetGapsBefore(int64_t micros) {
    std::erase_if(active_gaps_, [&](const Gap& g) { return g.end_micros < micros; });
  }

  // A random event of a random party during the hour starting at `hour_start`.
  bool MakeEvent(int64_t hour_start, bool offensive, TruthEvent* e) {
    e->time_micros = hour_start + static_cast<int64_t>(rng_.Uniform() * 3600) * kMicrosPerSecond;
    if (offensive) {
      e->party = options_.offensive_party;
      return ExchangeOfFire(e, &offensive_base_);
    }
    e->party = parties_[static_cast<size_t>(rng_.Int(0, static_cast<int>(parties_.size()) - 1))];
    const double r = rng_.Uniform();
    if (r < 0.55) return ExchangeOfFire(e, nullptr);
    if (r < 0.70) return HeavyWeaponInZone(e);
    if (r < 0.80) return Movement(e);
    if (r < 0.85 && !scenario_.agreement.protected_sites.empty()) return ProtectedSiteStrike(e);
    return Exercise(e);
  }

  void Report(const TruthEvent& e, std::vector<Observation>* out) {
    const double line_km =
        map_.Locate(e.impact, geo::LineOfContact::Precision::kFast).distance_to_line.km();
    const double noise = options_.noise;
    network_.Candidates(e.kind, e.impact, e.time_micros, line_km < 20, &candidates_);
    const SensorModel* model = nullptr;
    int reports = 0;      // of `model`
    bool gapped = false;  // a gap of `model`'s type covers the impact
    std::vector<int> used;
    for (const PotentialReport& c : candidates_) {
      const SensorModel& s = *c.model;
      if (&s != model) {
        model = &s;
        reports = 0;
        gapped = InGap(s.type, e.impact, e.time_micros);
        used.clear();
      }
      if (gapped || reports == s.max_reports) continue;
      if (!rng_.Chance(c.probability)) continue;
      const int unit = c.asset != nullptr ? c.asset->unit : rng_.Int(1, s.fleet);
      if (std::find(used.begin(), used.end(), unit) != used.end()) continue;
      used.push_back(unit);
      ++reports;
      Observation o;
      if (s.placement == AssetPlacement::kPass) {
        // Imagery dates what it shows to its pass: the event lies anywhere in the pass's window,
        // whose uniform spread has the 1-sigma stated.
        const int64_t pass = (c.asset->from_micros + c.asset->to_micros + 1) / 2;
        o.time = Timestamp(pass, scenario_.agreement.effective.offset_minutes());
        o.time_uncertainty_s = std::round(SensorNetwork::kPassHalfWindowSeconds / std::sqrt(3.0));
      } else {
        const double clock_s = s.clock_sigma_s * noise;
        o.time = Timestamp(
            e.time_micros + static_cast<int64_t>(rng_.Normal() * clock_s * kMicrosPerSecond),
            scenario_.agreement.effective.offset_minutes());
        o.time_uncertainty_s = clock_s;
      }
      o.time = Timestamp(o.time.utc_micros() / kMicrosPerSecond * kMicrosPerSecond,
                         o.time.offset_minutes());
      o.source_type = s.type;
      o.source_id = c.asset != nullptr ? c.asset->id : UnitId(s.type, unit);
      o.kind = e.kind;
      o.position = {Jitter(e.impact, s.sigma_m * noise), s.sigma_m * noise};
      if (!(e.origin == e.impact) && rng_.Chance(s.origin_probability)) {
        o.origin =
            UncertainPoint{Jitter(e.origin, s.origin_sigma_m * noise), s.origin_sigma_m * noise};
      }
      if (!(e.origin == e.impact) && c.asset != nullptr && rng_.Chance(s.bearing_probability)) {
        // From where the asset stands to the origin.
        Bearing b;
        b.observer = c.asset->position;
        b.azimuth_deg = geo::GeodesicAzimuth(b.observer, e.origin) +
                        rng_.Normal() * s.bearing_sigma_deg * noise;
        b.azimuth_deg = std::fmod(std::fmod(b.azimuth_deg, 360.0) + 360.0, 360.0);
        b.uncertainty_deg = s.bearing_sigma_deg * noise;
        o.bearing = b;
      }
      o.weapon_class = rng_.Chance(s.weapon_probability) ? e.weapon : WeaponClass::kUnknown;
      o.count = std::max<int64_t>(1, std::llround(e.count * rng_.Uniform(0.7, 1.3)));
      o.confidence = s.confidence;
      out->push_back(std::move(o));
    }
  }

  Observation FalseAlarm(int64_t hour_start) {
    LatLng base = PointOnLine();
    Observation o;
    o.time = Timestamp(hour_start + static_cast<int64_t>(rng_.Uniform() * 3600) * kMicrosPerSecond,
                       scenario_.agreement.effective.offset_minutes());
    const SensorModel& s = *false_alarm_models_[static_cast<size_t>(
        rng_.Int(0, static_cast<int>(false_alarm_models_.size()) - 1))];
    o.source_type = s.type;
    o.time_uncertainty_s = s.clock_sigma_s * options_.noise;
    o.source_id = UnitId(s.type, rng_.Int(1, network_.FleetOf(s)));
    o.kind = ObservationKind::kExplosion;
    o.position = {Jitter(base, 8000), s.sigma_m * options_.noise};
    o.confidence = s.confidence * 0.5;
    return o;
  }

 private:
  bool InGap(SourceType type, LatLng p, int64_t t) const {
    for (const Gap& g : active_gaps_) {
      if (g.source_type == type && t >= g.start_micros && t <= g.end_micros &&
          geo::GeodesicDistance(p, g.center).meters() <= g.radius_m) {
        return true;
      }
    }
    return false;
  }

  LatLng Jitter(LatLng p, double sigma_m) {
    const double dx = rng_.Normal() * sigma_m;
    const double dy = rng_.Normal() * sigma_m;
    return geo::GeodesicDestination(p, std::atan2(dx, dy) * 180.0 / M_PI,
                                    Distance::Meters(std::hypot(dx, dy)));
  }

  // A uniformly random point of the line (or of the 80 km around `near`) and its azimuth.
  LatLng PointOnLine(double* azimuth = nullptr, const LatLng* near = nullptr) {
    double at = rng_.Uniform() * line_.length_m();
    if (near != nullptr) {
      const double centre = line_.NearestVertexAlong(*near);
      at = std::clamp(centre + rng_.Uniform(-40000, 40000), 0.0, line_.length_m());
    }
    return line_.At(at, azimuth);
  }

  // A point `km` from the line on `party`'s side, near a random point of the line.
  bool PointOnSide(const std::string& party, double km, LatLng* base, LatLng* out,
                   double* toward_party = nullptr, const LatLng* near = nullptr) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      double az = 0;
      *base = PointOnLine(&az, near);
      for (double turn : {90.0, -90.0}) {
        const LatLng probe = geo::GeodesicDestination(*base, az + turn, Distance::Kilometers(2));
        if (map_.Locate(probe, geo::LineOfContact::Precision::kFast).control_party != party)
          continue;
        *out = geo::GeodesicDestination(*base, az + turn, Distance::Kilometers(km));
        if (map_.Locate(*out, geo::LineOfContact::Precision::kFast).control_party != party)
          continue;
        if (toward_party != nullptr) *toward_party = az + turn;
        return true;
      }
    }
    return false;
  }

  bool ExchangeOfFire(TruthEvent* e, const LatLng* near) {
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
    const double km = rng_.Uniform(w.min_km, w.max_km);
    if (!PointOnSide(e->party, km, &base, &e->origin, &toward, near)) return false;
    // Separate statements: the order of evaluation of function arguments is unspecified, and
    // the draws must happen in the same order under every compiler.
    const double spread_deg = rng_.Uniform(-30, 30);
    const double range_km = rng_.Uniform(0.3, 6);
    e->impact =
        geo::GeodesicDestination(base, toward + 180 + spread_deg, Distance::Kilometers(range_km));
    e->pattern = near != nullptr ? "renewed_offensive" : "exchange_of_fire";
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
      for (int attempt = 0; attempt < 8; ++attempt) {  // inside the area, on the party's side
        const LatLng p = Jitter(c, 1200);
        const Location loc = map_.Locate(p, geo::LineOfContact::Precision::kFast);
        if (!loc.disengagement_area.empty() && loc.control_party == e->party && !loc.on_boundary) {
          e->impact = e->origin = p;
          e->pattern = "disengagement_area_presence";
          return true;
        }
      }
      return false;
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
    // Launched from the party's side: across the line when the site is on the other side.
    const LatLng crossing = map_.line().FindNearest(site.position).closest;
    const double away = geo::GeodesicAzimuth(site.position, crossing);
    const double km = rng_.Uniform(5, 15);
    const bool site_on_own_side =
        map_.Locate(site.position, geo::LineOfContact::Precision::kFast).control_party == e->party;
    e->origin = site_on_own_side
                    ? geo::GeodesicDestination(site.position, away + 180, Distance::Kilometers(km))
                    : geo::GeodesicDestination(crossing, away, Distance::Kilometers(km));
    if (map_.Locate(e->origin, geo::LineOfContact::Precision::kFast).control_party != e->party)
      return false;
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
  const SimulationOptions& options_;
  Random rng_;
  LinePath line_;
  SensorNetwork network_;
  std::vector<PotentialReport> candidates_;  // Report's working space
  std::vector<const SensorModel*> false_alarm_models_;
  std::vector<std::string> parties_;
  std::vector<Gap> active_gaps_;
  LatLng offensive_base_;
};

// The output lines are written as text (base/json_text.h), the bytes nlohmann's dump() prints
// for the same documents: building a document per line was half of the simulator's time.

std::string ObservationLine(const Observation& o, const std::string& id) {
  JsonText j(512);
  j.BeginObject().Key("id").String(id).Key("time").String(o.time.ToRfc3339());
  if (o.time_uncertainty_s) j.Key("time_uncertainty_s").Number(RoundTo(*o.time_uncertainty_s, 3));
  j.Key("source").BeginObject().Key("id").String(o.source_id);
  j.Key("type").String(ToString(o.source_type)).EndObject();
  j.Key("kind").String(ToString(o.kind));
  j.Key("position");
  WriteUncertainPoint(j, o.position);
  if (o.origin) {
    j.Key("origin");
    WriteUncertainPoint(j, *o.origin);
  }
  if (o.bearing) {
    j.Key("bearing").BeginObject().Key("observer").BeginObject();
    WriteLatLngMembers(j, o.bearing->observer);
    j.EndObject();
    j.Key("azimuth_deg").Number(RoundTo(o.bearing->azimuth_deg, 3));
    j.Key("uncertainty_deg").Number(RoundTo(o.bearing->uncertainty_deg, 3)).EndObject();
  }
  j.Key("weapon_class").String(ToString(o.weapon_class));
  j.Key("count").Int(o.count).Key("confidence").Number(o.confidence).EndObject();
  return j.Take();
}

// Where an asset stood, how far it saw and when.
std::string AssetLine(const AssetPosition& a, int offset_minutes) {
  JsonText j(256);
  j.BeginObject().Key("id").String(a.id).Key("type").String(ToString(a.model->type));
  j.Key("from").String(Timestamp(a.from_micros, offset_minutes).ToRfc3339());
  j.Key("to").String(Timestamp(a.to_micros, offset_minutes).ToRfc3339());
  j.Key("position").BeginObject();
  WriteLatLngMembers(j, a.position);
  j.EndObject().Key("range_km").Number(a.model->range_km).EndObject();
  return j.Take();
}

// The event an observation was generated from; 0 for a false alarm (null).
std::string LinkLine(const std::string& id, int64_t event) {
  JsonText j(64);
  j.BeginObject().Key("observation").String(id).Key("event");
  if (event == 0) {
    j.Null();
  } else {
    j.String("evt-" + std::to_string(event));
  }
  j.EndObject();
  return j.Take();
}

}  // namespace

Result<SimulationCounts> SimulateTheatre(const Scenario& scenario, const AgreementMap& map,
                                         const SimulationOptions& options,
                                         const SimulationOutputs& out) {
  if (scenario.agreement.control_areas.empty()) {
    return Status::FailedPrecondition("the scenario has no control areas to simulate parties in");
  }
  if (LinePath(scenario.agreement.line_of_contact).empty()) {
    return Status::FailedPrecondition(
        "the scenario's line of contact has no segment to place assets and events along");
  }
  if (options.offensive_day >= 0 && scenario.FindParty(options.offensive_party) == nullptr) {
    return Status::InvalidArgument("offensive party \"" + options.offensive_party +
                                   "\" is not a party of the scenario");
  }
  Theatre theatre(scenario, map, options);
  Random& rng = theatre.rng();
  SimulationCounts counts;
  const int offset = scenario.agreement.effective.offset_minutes();
  const int64_t start = scenario.agreement.effective.utc_micros();
  const int64_t kHour = 3600 * kMicrosPerSecond;
  // Reports may arrive up to this long after the hour in which their event happened.
  const int64_t reorder_window =
      static_cast<int64_t>(6 * 900 * options.noise) * kMicrosPerSecond + kHour;
  std::priority_queue<PendingReport, std::vector<PendingReport>, std::greater<>> pending;
  int64_t seq = 0;
  auto flush_before = [&](int64_t arrival_limit) {
    while (!pending.empty() && pending.top().arrival_micros < arrival_limit) {
      const PendingReport& r = pending.top();
      const Observation& o = r.obs;
      ++counts.observations;
      ++counts.observations_by_type[static_cast<size_t>(o.source_type)];
      const std::string id = "obs-" + std::to_string(counts.observations);
      out.observations << ObservationLine(o, id) << '\n';
      out.links << LinkLine(id, r.event) << '\n';
      pending.pop();
    }
  };

  auto write_assets = [&](const std::vector<AssetPosition>& placed) {
    counts.asset_placements += static_cast<int64_t>(placed.size());
    if (out.assets == nullptr) return;
    for (const AssetPosition& a : placed) *out.assets << AssetLine(a, offset) << '\n';
  };
  write_assets(theatre.network().Fixed());
  const int hours = options.days * 24;
  const double base_rate = options.events_per_day / 24.0;
  for (int hour = 0; hour < hours; ++hour) {
    const int64_t hour_start = start + hour * kHour;
    const int day = hour / 24;
    if (hour % 24 == 0) {
      theatre.ForgetGapsBefore(hour_start - reorder_window);
      for (const Gap& g : theatre.MakeGaps(hour_start, day)) {
        ++counts.gaps;
        JsonText j(256);
        j.BeginObject().Key("id").String(g.id);
        j.Key("source_type").String(ToString(g.source_type)).Key("reason").String(g.reason);
        j.Key("start").String(Timestamp(g.start_micros, offset).ToRfc3339());
        j.Key("end").String(Timestamp(g.end_micros, offset).ToRfc3339());
        j.Key("center").BeginObject();
        WriteLatLngMembers(j, g.center);
        j.EndObject().Key("radius_km").Number(std::round(g.radius_m) / 1000).EndObject();
        out.gaps << j.Take() << '\n';
      }
      write_assets(theatre.network().PlaceDay(hour_start, rng));
    }
    write_assets(theatre.network().PlaceHour(hour_start, rng));
    // Poisson-like counts: the integer part, plus one with the fractional probability.
    auto draw_count = [&](double rate) {
      const int whole = static_cast<int>(rate);
      return whole + (rng.Chance(rate - whole) ? 1 : 0);
    };
    std::vector<std::pair<TruthEvent, bool>> events;
    const int n = draw_count(base_rate);
    for (int i = 0; i < n; ++i) {
      TruthEvent e;
      if (theatre.MakeEvent(hour_start, false, &e)) events.push_back({std::move(e), false});
    }
    if (options.offensive_day >= 0 && day >= options.offensive_day) {
      const int extra = draw_count(base_rate * 0.55 * (options.offensive_multiplier - 1));
      for (int i = 0; i < extra; ++i) {
        TruthEvent e;
        if (theatre.MakeEvent(hour_start, true, &e)) events.push_back({std::move(e), true});
      }
    }
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
      return a.first.time_micros < b.first.time_micros;
    });
    for (const auto& [e, offensive] : events) {
      ++counts.events;
      std::vector<Observation> seen;
      theatre.Report(e, &seen);
      for (Observation& o : seen) {
        int64_t arrival = o.time.utc_micros();
        if (o.source_type == SourceType::kOsint) {
          arrival += static_cast<int64_t>(rng.Uniform(600, 3000)) * kMicrosPerSecond;
        }
        pending.push(PendingReport{arrival, seq++, std::move(o), counts.events});
      }
      JsonText j(512);
      j.BeginObject().Key("id").String("evt-" + std::to_string(counts.events));
      j.Key("time").String(Timestamp(e.time_micros, offset).ToRfc3339());
      j.Key("party").String(e.party).Key("pattern").String(e.pattern);
      j.Key("kind").String(ToString(e.kind)).Key("weapon_class").String(ToString(e.weapon));
      j.Key("count").Int(e.count).Key("origin");
      WriteUncertainPoint(j, {e.origin, 0});
      j.Key("impact");
      WriteUncertainPoint(j, {e.impact, 0});
      j.EndObject();
      out.truth << j.Take() << '\n';
    }
    const int false_alarms =
        draw_count(static_cast<double>(events.size()) * options.false_alarm_rate * options.noise);
    for (int i = 0; i < false_alarms; ++i) {
      Observation o = theatre.FalseAlarm(hour_start);
      const int64_t arrival = o.time.utc_micros();
      pending.push(PendingReport{arrival, seq++, std::move(o), 0});
    }
    counts.peak_buffered_reports = std::max(counts.peak_buffered_reports, pending.size());
    flush_before(hour_start - reorder_window);
    if (options.on_progress) options.on_progress(hour + 1, hours);
  }
  flush_before(INT64_MAX);
  return counts;
}

}  // namespace guarantor
