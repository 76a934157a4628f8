// SensorNetwork: the simulated monitoring mission's assets, where each is when, how far it sees,
// and which of them may report an event. Internal to the sim module; docs/monitoring.md 9.3.
//
// Every asset but OSINT has a position and a range. Fixed assets (cameras, acoustic arrays,
// counter-battery radars) stand along the line for the whole theatre; patrols move each day and
// UAVs each hour to a random point of the line or beside it; each satellite makes a few passes a
// day, each seeing a swath for a short window. An asset reports an event of a kind it sees, within
// its range, with the probability `detect x (1 - (d / range)^2)`, d its distance to the impact.
// OSINT has no position: it reports any event, at a rate lower far from the line.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/observation.h"
#include "sim/line_path.h"
#include "sim/random.h"

namespace guarantor {

enum class AssetPlacement { kFixed, kDaily, kHourly, kPass, kEverywhere };

struct SensorModel {
  SourceType type;
  int fleet;  // distinct units of this type before `SimulationOptions::assets` scales it
  AssetPlacement placement;
  // Beside the line: a fixed asset this far (odd units right, even left), a mobile one up to.
  double offset_km;
  double range_km;            // 0: no range (OSINT)
  double detect;              // at the asset's own position (OSINT: within 20 km of the line)
  int max_reports;            // units of this type that may report one event
  double sigma_m;             // 1-sigma location error
  double origin_probability;  // chance the report assesses the point of origin
  double origin_sigma_m;
  double bearing_probability;  // chance of a bearing from the asset to the origin
  double bearing_sigma_deg;
  double weapon_probability;  // chance the weapon class is assessed (else "unknown")
  double clock_sigma_s;       // a satellite's report is dated to its pass instead
  double confidence;
  uint32_t kinds;  // the ObservationKinds it sees, a bit each
};

// One placement of one asset: where it stood from `from` to `to` (its model says how far it saw).
struct AssetPosition {
  std::string id;  // the reports' source id, "<type>-NN"
  const SensorModel* model;
  int unit;  // 1-based within its type
  int64_t from_micros, to_micros;
  LatLng position;
};

// A unit that may report an event, with its chance.
struct PotentialReport {
  const AssetPosition* asset;  // null for OSINT: the caller draws the unit
  const SensorModel* model;
  double probability;
};

// A unit's source id: "<type>-NN" ("patrol-07", "camera-112").
std::string UnitId(SourceType type, int unit);

class SensorNetwork {
 public:
  // A window either side of a satellite's pass time within which it sees an event.
  static constexpr int64_t kPassHalfWindowSeconds = 1500;
  static constexpr int kPassesPerDay = 4;

  static std::span<const SensorModel> Models();

  // `scale` multiplies each fleet but OSINT's (at least one unit). REQUIRES: `line` has a segment
  // and outlives the network.
  SensorNetwork(const LinePath& line, double scale, int64_t start_micros, int64_t end_micros);

  // The number of units of the model's type.
  int FleetOf(const SensorModel& model) const;
  // The fixed assets, placed once, from `start_micros` to `end_micros`.
  std::vector<AssetPosition> Fixed() const;
  // Places the patrols and the satellite passes of the day starting at `day_start` (each pass
  // and its window within the day), replacing the day before's. Returns the new placements.
  std::vector<AssetPosition> PlaceDay(int64_t day_start, Random& rng);
  // Places the UAVs of the hour starting at `hour_start`. Returns the new placements.
  std::vector<AssetPosition> PlaceHour(int64_t hour_start, Random& rng);

  // The units that may report an event of `kind` at `impact` at `time_micros` (within the
  // current hour), in the order of Models() then of units. `near_line`: the impact lies within
  // 20 km of the line (OSINT's full rate). Their assets are valid until the next Place*.
  void Candidates(ObservationKind kind, LatLng impact, int64_t time_micros, bool near_line,
                  std::vector<PotentialReport>* out) const;

 private:
  AssetPosition Place(const SensorModel& model, int unit, int64_t from, int64_t to,
                      LatLng position) const;
  // Replaces the positions of the models of `placement` for the `seconds` from `start`.
  std::vector<AssetPosition> PlaceMobile(AssetPlacement placement, int64_t start, int64_t seconds,
                                         Random& rng);

  const LinePath& line_;
  double scale_;
  // By model, in Models()' order: the current positions of its units (each satellite's passes).
  std::vector<std::vector<AssetPosition>> positions_;
};

}  // namespace guarantor
