#include "monitor/incident_fuser.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace guarantor {
namespace {

constexpr int64_t kMicros = 1'000'000;
constexpr double kCellDeg = 0.05;
constexpr double kMetersPerDegLat = 110574.0;  // the shortest meridian degree: conservative
constexpr double kMetersPerDegLon = 111320.0;
constexpr double kFloorMeters = 50.0;
constexpr int64_t kMaxReachCells = 20;  // 1 degree of latitude
// Clock uncertainty assumed for the slowest sources when deciding that an incident can no longer
// grow (OSINT's default).
constexpr double kWindowClockSigmaSeconds = 900.0;

enum class Family { kFire, kSighting, kMovement, kAir };

Family FamilyOf(ObservationKind k) {
  switch (k) {
    case ObservationKind::kWeaponSighting:
      return Family::kSighting;
    case ObservationKind::kTroopMovement:
    case ObservationKind::kFortification:
      return Family::kMovement;
    case ObservationKind::kAirIncursion:
      return Family::kAir;
    default:
      return Family::kFire;
  }
}

// Higher is more specific; "explosion" says least about what happened.
int Specificity(ObservationKind k) {
  switch (k) {
    case ObservationKind::kExplosion:
      return 0;
    case ObservationKind::kSmallArmsFire:
      return 1;
    case ObservationKind::kMortarFire:
      return 2;
    case ObservationKind::kArtilleryFire:
      return 3;
    case ObservationKind::kRocketFire:
      return 4;
    case ObservationKind::kDroneStrike:
      return 5;
    case ObservationKind::kMissileStrike:
      return 6;
    default:
      return 1;
  }
}

uint64_t CellKey(int64_t row, int64_t col) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(row)) << 32) | static_cast<uint32_t>(col);
}
int64_t Row(double lat) { return static_cast<int64_t>(std::floor(lat / kCellDeg)); }
int64_t Col(double lon) { return static_cast<int64_t>(std::floor(lon / kCellDeg)); }

// Squared local equirectangular distance, adequate for gating over tens of kilometres; `k` is
// the cosine of the latitude near both points.
double ApproxMeters2(LatLng a, LatLng b, double k) {
  const double dx = (b.lon_deg - a.lon_deg) * k * kMetersPerDegLon;
  const double dy = (b.lat_deg - a.lat_deg) * kMetersPerDegLat;
  return dx * dx + dy * dy;
}

// Accumulates an inverse-variance weighted mean of points.
struct PointSum {
  double w = 0, lat = 0, lon = 0;
  void Add(const UncertainPoint& p) {
    const double s = std::max(p.uncertainty_m, 1.0);
    const double wi = 1.0 / (s * s);
    w += wi;
    lat += wi * p.position.lat_deg;
    lon += wi * p.position.lon_deg;
  }
  UncertainPoint Mean() const { return {LatLng{lat / w, lon / w}, 1.0 / std::sqrt(w)}; }
};

}  // namespace

IncidentFuser::CellRange IncidentFuser::RangeFor(LatLng p, double reach_m) {
  // A margin for the difference between the metric of the gate (equirectangular at the report's
  // latitude) and the degrees of the grid.
  const double radius_m = reach_m * 1.01 + 10;
  const double dlat = std::min(radius_m / kMetersPerDegLat, kMaxReachCells * kCellDeg);
  const double far_lat = std::min(89.0, std::abs(p.lat_deg) + dlat);
  const double dlon =
      std::min(radius_m / (kMetersPerDegLon * std::max(0.05, std::cos(far_lat * M_PI / 180.0))),
               kMaxReachCells * kCellDeg);
  return CellRange{Row(p.lat_deg - dlat), Row(p.lat_deg + dlat), Col(p.lon_deg - dlon),
                   Col(p.lon_deg + dlon)};
}

struct IncidentFuser::Open {
  int64_t seq = 0;  // opening order: ties go to the earliest
  Incident incident;
  Family family = Family::kFire;
  PointSum position;
  PointSum origin;
  double best_clock_sigma = 0;  // the smallest clock uncertainty of its members
  std::set<std::string> sources;
  bool has_non_osint = false;
  std::array<int, 11> kind_counts{};
  std::array<int, 12> weapon_counts{};
  CellRange cells{0, -1, 0, -1};  // where it is registered; empty when row1 < row0
  uint64_t visited = 0;           // the last query that looked at it
};

void IncidentFuser::Register(Open* open, CellRange range) {
  const CellRange old = open->cells;
  if (old.row0 == range.row0 && old.row1 == range.row1 && old.col0 == range.col0 &&
      old.col1 == range.col1) {
    return;
  }
  for (int64_t r = old.row0; r <= old.row1; ++r) {
    for (int64_t c = old.col0; c <= old.col1; ++c) {
      auto cell = cells_.find(CellKey(r, c));
      auto& list = cell->second;
      list.erase(std::find(list.begin(), list.end(), open));
      if (list.empty()) cells_.erase(cell);
    }
  }
  for (int64_t r = range.row0; r <= range.row1; ++r) {
    for (int64_t c = range.col0; c <= range.col1; ++c) cells_[CellKey(r, c)].push_back(open);
  }
  open->cells = range;
}

IncidentFuser::IncidentFuser(FusionOptions options, IncidentCallback on_verified,
                             IncidentCallback on_closed)
    : options_(std::move(options)),
      on_verified_(std::move(on_verified)),
      on_closed_(std::move(on_closed)) {}

IncidentFuser::~IncidentFuser() = default;

void IncidentFuser::Add(Observation obs) {
  if (!same_time_.empty() && same_time_.front().time.utc_micros() != obs.time.utc_micros()) {
    std::vector<Observation> batch;
    batch.swap(same_time_);
    std::sort(batch.begin(), batch.end(),
              [](const Observation& a, const Observation& b) { return a.id < b.id; });
    for (const Observation& o : batch) Process(o);
  }
  same_time_.push_back(std::move(obs));
}

void IncidentFuser::Finish() {
  std::sort(same_time_.begin(), same_time_.end(),
            [](const Observation& a, const Observation& b) { return a.id < b.id; });
  for (const Observation& o : same_time_) Process(o);
  same_time_.clear();
  while (!by_last_seen_.empty()) Close(by_last_seen_.begin()->second);
}

void IncidentFuser::Process(const Observation& obs) {
  const int64_t t = obs.time.utc_micros();
  if (t > watermark_) {
    watermark_ = t;
    const double horizon_s = options_.gate_sigmas * kWindowClockSigmaSeconds +
                             static_cast<double>(options_.lateness_seconds);
    CloseBefore(watermark_ - static_cast<int64_t>(horizon_s * kMicros));
  }
  const Family family = FamilyOf(obs.kind);
  const double sigma_obs = std::max(obs.position.uncertainty_m, 1.0);
  const double clock_obs = TimeUncertaintySeconds(obs);

  // Candidates: incidents registered (over their own reach, G x sigma_inc) in a cell that this
  // report's reach (G x sigma_obs + floor) also covers. The gate is at most the sum of the two
  // reaches, so any incident within it shares at least one cell with the report.
  const CellRange search =
      RangeFor(obs.position.position, options_.gate_sigmas * sigma_obs + kFloorMeters);
  const double cos_lat = std::max(0.05, std::cos(obs.position.position.lat_deg * M_PI / 180.0));
  ++query_stamp_;
  int64_t best_seq = -1;
  double best_score = INFINITY;
  for (int64_t r = search.row0; r <= search.row1; ++r) {
    for (int64_t c = search.col0; c <= search.col1; ++c) {
      auto cell = cells_.find(CellKey(r, c));
      if (cell == cells_.end()) continue;
      for (Open* candidate_ptr : cell->second) {
        Open& candidate = *candidate_ptr;
        if (candidate.visited == query_stamp_ || candidate.family != family) continue;
        candidate.visited = query_stamp_;
        const Incident& inc = candidate.incident;
        const double s = std::sqrt(sigma_obs * sigma_obs +
                                   inc.position.uncertainty_m * inc.position.uncertainty_m);
        const double d2 = ApproxMeters2(obs.position.position, inc.position.position, cos_lat);
        const double gate = options_.gate_sigmas * s + kFloorMeters;
        if (d2 > gate * gate) continue;
        const double d = std::sqrt(d2);
        const int64_t seq = candidate.seq;
        const int64_t lo = inc.first_seen.utc_micros(), hi = inc.last_seen.utc_micros();
        const double dt_s = static_cast<double>(t < lo ? lo - t : (t > hi ? t - hi : 0)) / kMicros;
        const double tau = std::sqrt(clock_obs * clock_obs +
                                     candidate.best_clock_sigma * candidate.best_clock_sigma);
        if (dt_s > options_.gate_sigmas * tau) continue;
        const double score = d / s + dt_s / std::max(tau, 1e-3);
        if (score < best_score || (score == best_score && seq < best_seq)) {
          best_score = score;
          best_seq = seq;
        }
      }
    }
  }

  Open* open = nullptr;
  if (best_seq >= 0) {
    open = &open_.at(best_seq);
  } else {
    best_seq = next_seq_++;
    open = &open_[best_seq];
    open->seq = best_seq;
    open->family = family;
    open->incident.id = "inc-" + obs.id;
    open->incident.first_seen = obs.time;
    open->incident.last_seen = obs.time;
    open->best_clock_sigma = clock_obs;
  }
  Incident& inc = open->incident;
  if (!inc.members.empty()) by_last_seen_.erase({inc.last_seen.utc_micros(), best_seq});
  inc.members.push_back({obs.id, obs.source_id, obs.source_type, obs.time});
  if (obs.time < inc.first_seen) inc.first_seen = obs.time;
  if (obs.time > inc.last_seen) inc.last_seen = obs.time;
  by_last_seen_.insert({inc.last_seen.utc_micros(), best_seq});
  open->best_clock_sigma = std::min(open->best_clock_sigma, clock_obs);
  open->position.Add(obs.position);
  inc.position = open->position.Mean();
  if (obs.origin) {
    open->origin.Add(*obs.origin);
    inc.origin = open->origin.Mean();
  }
  if (obs.bearing) inc.bearings.push_back(*obs.bearing);
  inc.count = std::max(inc.count, obs.count);
  ++open->kind_counts[static_cast<size_t>(obs.kind)];
  if (obs.weapon_class != WeaponClass::kUnknown) {
    ++open->weapon_counts[static_cast<size_t>(obs.weapon_class)];
  }
  // The most reported kind, explosions only when nothing more specific was reported.
  int best_kind = -1;
  for (size_t k = 0; k < open->kind_counts.size(); ++k) {
    if (open->kind_counts[k] == 0) continue;
    const auto kind = static_cast<ObservationKind>(k);
    if (best_kind < 0) {
      best_kind = static_cast<int>(k);
      continue;
    }
    const auto best = static_cast<ObservationKind>(best_kind);
    const bool best_vague = best == ObservationKind::kExplosion;
    const bool this_vague = kind == ObservationKind::kExplosion;
    if (best_vague != this_vague ? best_vague
                                 : (open->kind_counts[k] > open->kind_counts[best_kind] ||
                                    (open->kind_counts[k] == open->kind_counts[best_kind] &&
                                     Specificity(kind) > Specificity(best)))) {
      best_kind = static_cast<int>(k);
    }
  }
  inc.kind = static_cast<ObservationKind>(best_kind);
  int best_weapon = -1;
  for (size_t w = 0; w < open->weapon_counts.size(); ++w) {
    if (open->weapon_counts[w] > 0 &&
        (best_weapon < 0 || open->weapon_counts[w] >= open->weapon_counts[best_weapon])) {
      best_weapon = static_cast<int>(w);
    }
  }
  inc.weapon_class =
      best_weapon < 0 ? WeaponClass::kUnknown : static_cast<WeaponClass>(best_weapon);

  open->sources.insert(obs.source_id);
  if (obs.source_type != SourceType::kOsint) open->has_non_osint = true;
  inc.independent_sources = static_cast<int>(open->sources.size());
  if (inc.status == IncidentStatus::kCandidate) {
    const bool single =
        std::find(options_.single_source_types.begin(), options_.single_source_types.end(),
                  obs.source_type) != options_.single_source_types.end() &&
        obs.confidence >= options_.single_source_min_confidence;
    if (inc.independent_sources >= options_.min_independent_sources && open->has_non_osint) {
      inc.status = IncidentStatus::kVerified;
      inc.verified_by = "independent_sources";
    } else if (single) {
      inc.status = IncidentStatus::kVerified;
      inc.verified_by = "single_source:" + std::string(ToString(obs.source_type));
    }
    if (inc.status == IncidentStatus::kVerified) {
      inc.verified_at = obs.time;
      if (on_verified_) on_verified_(inc);
    }
  }
  // Keep the incident registered over its current reach.
  Register(open,
           RangeFor(inc.position.position, options_.gate_sigmas * inc.position.uncertainty_m));
  peak_open_ = std::max(peak_open_, open_.size());
}

void IncidentFuser::CloseBefore(int64_t watermark_micros) {
  while (!by_last_seen_.empty() && by_last_seen_.begin()->first < watermark_micros) {
    Close(by_last_seen_.begin()->second);
  }
}

void IncidentFuser::Close(int64_t seq) {
  auto it = open_.find(seq);
  Register(&it->second, CellRange{0, -1, 0, -1});  // unregister
  by_last_seen_.erase({it->second.incident.last_seen.utc_micros(), seq});
  if (on_closed_) on_closed_(it->second.incident);
  open_.erase(it);
}

}  // namespace guarantor
