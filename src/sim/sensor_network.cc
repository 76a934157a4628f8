#include "sim/sensor_network.h"

#include <algorithm>
#include <cmath>

#include "geo/geodesy.h"

namespace guarantor {
namespace {

constexpr int64_t kMicros = 1'000'000;

constexpr uint32_t Bit(ObservationKind k) { return uint32_t{1} << static_cast<int>(k); }

constexpr uint32_t kAllKinds = (uint32_t{1} << 11) - 1;
constexpr uint32_t kFire =
    Bit(ObservationKind::kSmallArmsFire) | Bit(ObservationKind::kMortarFire) |
    Bit(ObservationKind::kArtilleryFire) | Bit(ObservationKind::kRocketFire) |
    Bit(ObservationKind::kDroneStrike) | Bit(ObservationKind::kMissileStrike);
// What a counter-battery radar tracks: shells, bombs and rockets in flight.
constexpr uint32_t kIndirectFire = Bit(ObservationKind::kMortarFire) |
                                   Bit(ObservationKind::kArtilleryFire) |
                                   Bit(ObservationKind::kRocketFire);
// What stays in place long enough for imagery: weapons, troops, earthworks.
constexpr uint32_t kPersistent = Bit(ObservationKind::kWeaponSighting) |
                                 Bit(ObservationKind::kTroopMovement) |
                                 Bit(ObservationKind::kFortification);

using P = AssetPlacement;
// clang-format off
constexpr SensorModel kModels[] = {
  // type                 fleet placement      offset range detect max sigma  origin  o.sigma bearing b.sigma weapon clock   conf  kinds
  {SourceType::kPatrol,    40, P::kDaily,      30,    15,   0.9,   2,  400,   0.3,    2000,   0,      0,      0.6,   60,     0.8,  kAllKinds},
  {SourceType::kUav,       24, P::kHourly,     80,    25,   0.8,   2,  60,    0.5,    300,    0,      0,      0.8,   5,      0.9,  kAllKinds},
  {SourceType::kCamera,    40, P::kFixed,      3,     8,    0.8,   2,  200,   0.2,    1500,   0,      0,      0.5,   2,      0.85, kAllKinds},
  {SourceType::kAcoustic,  30, P::kFixed,      5,     30,   0.8,   3,  800,   0.2,    1500,   0.9,    2,      0.4,   1,      0.7,  kFire},
  {SourceType::kRadar,     16, P::kFixed,      10,    40,   0.7,   2,  100,   0.9,    150,    0,      0,      0.7,   1,      0.85, kIndirectFire},
  {SourceType::kSatellite, 2,  P::kPass,       0,     150,  0.8,   1,  20,    0,      0,      0,      0,      0.9,   0,      0.9,  kPersistent},
  {SourceType::kOsint,     5,  P::kEverywhere, 0,     0,    0.2,   1,  3000,  0,      0,      0,      0,      0.3,   900,    0.4,  kAllKinds},
};
// clang-format on

}  // namespace

std::string UnitId(SourceType type, int unit) {
  return std::string(ToString(type)) + "-" + (unit < 10 ? "0" : "") + std::to_string(unit);
}

std::span<const SensorModel> SensorNetwork::Models() { return kModels; }

SensorNetwork::SensorNetwork(const LinePath& line, double scale, int64_t start_micros,
                             int64_t end_micros)
    : line_(line), scale_(scale), positions_(std::size(kModels)) {
  for (size_t m = 0; m < std::size(kModels); ++m) {
    const SensorModel& model = kModels[m];
    if (model.placement != P::kFixed) continue;
    const int n = FleetOf(model);
    for (int unit = 1; unit <= n; ++unit) {
      const double along = (unit - 0.5) * line_.length_m() / n;
      const double offset = (unit % 2 == 1 ? 1 : -1) * model.offset_km * 1000;
      positions_[m].push_back(
          Place(model, unit, start_micros, end_micros, line_.Beside(along, offset)));
    }
  }
}

int SensorNetwork::FleetOf(const SensorModel& model) const {
  if (model.placement == P::kEverywhere) return model.fleet;
  return std::max(1, static_cast<int>(std::lround(model.fleet * scale_)));
}

AssetPosition SensorNetwork::Place(const SensorModel& model, int unit, int64_t from, int64_t to,
                                   LatLng position) const {
  return AssetPosition{UnitId(model.type, unit), &model, unit, from, to, position};
}

std::vector<AssetPosition> SensorNetwork::Fixed() const {
  std::vector<AssetPosition> out;
  for (const std::vector<AssetPosition>& list : positions_) {
    if (!list.empty() && list.front().model->placement == P::kFixed) {
      out.insert(out.end(), list.begin(), list.end());
    }
  }
  return out;
}

std::vector<AssetPosition> SensorNetwork::PlaceMobile(AssetPlacement placement, int64_t start,
                                                      int64_t seconds, Random& rng) {
  std::vector<AssetPosition> placed;
  for (size_t m = 0; m < std::size(kModels); ++m) {
    const SensorModel& model = kModels[m];
    if (model.placement != placement) continue;
    std::vector<AssetPosition>& list = positions_[m];
    list.clear();
    const int n = FleetOf(model);
    for (int unit = 1; unit <= n; ++unit) {
      if (placement == P::kPass) {
        constexpr int64_t half = kPassHalfWindowSeconds;
        for (int pass = 0; pass < kPassesPerDay; ++pass) {
          const double at = rng.Uniform(half, seconds - half);
          const int64_t t = start + static_cast<int64_t>(at) * kMicros;
          const LatLng centre = line_.At(rng.Uniform() * line_.length_m());
          list.push_back(Place(model, unit, t - half * kMicros, t + half * kMicros, centre));
        }
      } else {
        const double along = rng.Uniform() * line_.length_m();
        const double offset = rng.Uniform(-model.offset_km, model.offset_km) * 1000;
        list.push_back(
            Place(model, unit, start, start + seconds * kMicros, line_.Beside(along, offset)));
      }
    }
    placed.insert(placed.end(), list.begin(), list.end());
  }
  return placed;
}

std::vector<AssetPosition> SensorNetwork::PlaceDay(int64_t day_start, Random& rng) {
  std::vector<AssetPosition> placed = PlaceMobile(P::kDaily, day_start, 86400, rng);
  std::vector<AssetPosition> passes = PlaceMobile(P::kPass, day_start, 86400, rng);
  placed.insert(placed.end(), passes.begin(), passes.end());
  return placed;
}

std::vector<AssetPosition> SensorNetwork::PlaceHour(int64_t hour_start, Random& rng) {
  return PlaceMobile(P::kHourly, hour_start, 3600, rng);
}

void SensorNetwork::Candidates(ObservationKind kind, LatLng impact, int64_t time_micros,
                               bool near_line, std::vector<PotentialReport>* out) const {
  out->clear();
  for (size_t m = 0; m < std::size(kModels); ++m) {
    const SensorModel& model = kModels[m];
    if ((model.kinds & Bit(kind)) == 0) continue;
    if (model.placement == P::kEverywhere) {
      out->push_back({nullptr, &model, near_line ? model.detect : 0.3 * model.detect});
      continue;
    }
    const double range2 = model.range_km * 1000 * model.range_km * 1000;
    for (const AssetPosition& asset : positions_[m]) {
      if (time_micros < asset.from_micros || time_micros > asset.to_micros) continue;
      const double d2 = geo::LocalPlaneMeters2(asset.position, impact);
      if (d2 >= range2) continue;
      out->push_back({&asset, &model, model.detect * (1 - d2 / range2)});
    }
  }
}

}  // namespace guarantor
