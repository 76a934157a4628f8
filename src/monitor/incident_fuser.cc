#include "monitor/incident_fuser.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <absl/container/inlined_vector.h>

namespace guarantor {
namespace {

constexpr int64_t kMicros = 1'000'000;
constexpr double kCellDeg = 0.025;
constexpr double kMetersPerDegLat = 110574.0;  // the shortest meridian degree: conservative
constexpr double kMetersPerDegLon = 111320.0;
constexpr double kFloorMeters = 50.0;
constexpr int64_t kMaxReachCells = 40;  // 1 degree of latitude
// The clock uncertainty (OSINT's default) up to which an incident's closing horizon allows for a
// report's, and for its own: a report stating no more always finds an incident inside its time
// gate open; one stating more is still gated by its own clock, among the incidents still open.
constexpr double kSlowestClockSeconds = 900.0;
// Incidents with a clock uncertainty up to this (a patrol's) are indexed by the epoch of their
// last report, epochs being 2^kEpochBits microseconds (about 18 minutes; 28 bits, 268 s, were 8%
// slower on the dense theatre, probing more keys; 29 to 31 bits measured alike).
constexpr double kQuickClockSeconds = 60.0;
constexpr int kEpochBits = 30;
constexpr int64_t kAnyEpoch = INT64_MIN;

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

// The incident's kind is the most reported, explosions only when nothing more specific was
// reported; between kinds reported as often, the more specific, then the first in the
// enumeration. A strict order: the kind that ranks first is unique.
bool KindOutranks(const std::array<int, 11>& counts, int k, int other) {
  const auto kind = static_cast<ObservationKind>(k), than = static_cast<ObservationKind>(other);
  const bool vague = kind == ObservationKind::kExplosion,
             than_vague = than == ObservationKind::kExplosion;
  if (vague != than_vague) return than_vague;
  if (counts[k] != counts[other]) return counts[k] > counts[other];
  if (Specificity(kind) != Specificity(than)) return Specificity(kind) > Specificity(than);
  return k < other;
}

// The incident's weapon class is the most reported known class; between classes reported as
// often, the last in the enumeration.
bool WeaponOutranks(const std::array<int, 12>& counts, int w, int other) {
  return counts[w] != counts[other] ? counts[w] > counts[other] : w > other;
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

IncidentFuser::CellRange IncidentFuser::RangeFor(LatLng p, double reach_m) const {
  // A margin for the difference between the metric of the gate (equirectangular at the report's
  // latitude) and the degrees of the grid.
  const double radius_m = reach_m * 1.01 + 10;
  const double dlat = std::min(radius_m / kMetersPerDegLat, kMaxReachCells * kCellDeg);
  const double far_lat = std::min(89.0, std::abs(p.lat_deg) + dlat);
  // The cosine at the next tabulated latitude poleward: never larger than at far_lat, so the
  // range only grows (a wider range adds candidates the gate then rejects, never loses one).
  const double cos_far = cos_table_[static_cast<size_t>(std::ceil(far_lat * kCosStepsPerDegree))];
  const double dlon =
      std::min(radius_m / (kMetersPerDegLon * std::max(0.05, cos_far)), kMaxReachCells * kCellDeg);
  return CellRange{Row(p.lat_deg - dlat), Row(p.lat_deg + dlat), Col(p.lon_deg - dlon),
                   Col(p.lon_deg + dlon)};
}

struct IncidentFuser::Open {
  int64_t seq = 0;  // opening order: ties go to the earliest
  Incident incident;
  PointSum position;
  PointSum origin;
  // For each distinct source id, in order of first report, the index of the member that first
  // reported it. Indices rather than copies of the ids: closing then frees no strings, whose
  // memory (untouched since the incident's last report) would mostly be out of cache.
  absl::InlinedVector<uint32_t, 4> source_members;
  bool has_non_osint = false;
  std::array<int, 11> kind_counts{};
  std::array<int, 12> weapon_counts{};  // of known classes
  // The kind and known weapon class that rank first (KindOutranks, WeaponOutranks); -1 for none
  // yet. Only the count of the member's own kind and class grows with a member, so each is
  // kept by comparing that one with the first.
  int best_kind = -1, best_weapon = -1;
  CellRange cells{0, -1, 0, -1};  // where it is registered; empty when row1 < row0
  int64_t epoch = kAnyEpoch;      // and under which epoch (IncidentFuser::EpochOf)
};

// What the search reads of an open incident, in two compact records: its time span first (the
// stricter test: about a quarter of the candidates pass it), then its place.
struct IncidentFuser::TimeSpan {
  int64_t first_us = 0, last_us = 0;
  double clock_sigma_s = 0;  // the smallest clock uncertainty of its members
  int64_t close_us = 0;      // last_us + HorizonMicros(clock_sigma_s): when it closes
};

struct IncidentFuser::Place {
  double lat = 0, lon = 0;
  double sigma_m = 0;  // position uncertainty
  int64_t seq = -1;    // -1 when the slot is free
};

namespace {

// A block is kBlockRows x kBlockCols grid cells (about 11 x 15 km in the theatre): the unit the
// index is keyed by, so that a search over many cells probes few keys.
constexpr int kBlockRowBits = 2;
constexpr int kBlockColBits = 3;

int64_t BlockRow(int64_t row) { return row >> kBlockRowBits; }  // floor, also below zero
int64_t BlockCol(int64_t col) { return col >> kBlockColBits; }

// Family and block in one key: 21 bits each for the block row and column (offset to be positive).
uint64_t FamilyBlockKey(int family, int64_t block_row, int64_t block_col) {
  constexpr int64_t kOffset = int64_t{1} << 20;
  return (static_cast<uint64_t>(family) << 42) |
         (static_cast<uint64_t>(block_row + kOffset) << 21) |
         static_cast<uint64_t>(block_col + kOffset);
}

}  // namespace

IncidentFuser::CellRange IncidentFuser::BlocksOf(CellRange cells) {
  if (cells.row1 < cells.row0) return cells;
  return CellRange{BlockRow(cells.row0), BlockRow(cells.row1), BlockCol(cells.col0),
                   BlockCol(cells.col1)};
}

int64_t IncidentFuser::EpochOf(uint32_t slot) const {
  const TimeSpan& span = spans_[slot];
  return span.clock_sigma_s <= kQuickClockSeconds ? span.last_us >> kEpochBits : kAnyEpoch;
}

int64_t IncidentFuser::HorizonMicros(double clock_sigma_s) const {
  // The widest time gate a report of a clock up to 900 s can have against an incident of this
  // clock (itself counted up to 900 s, which bounds the window), G x sqrt(900^2 + c_inc^2), plus
  // the lateness allowed behind the stream's time: such a report no later than that which lies
  // inside the gate finds the incident still open. Rounded up, so as never to close one early.
  const double clock = std::min(clock_sigma_s, kSlowestClockSeconds);
  const double horizon_s =
      options_.gate_sigmas *
          std::sqrt(kSlowestClockSeconds * kSlowestClockSeconds + clock * clock) +
      static_cast<double>(options_.lateness_seconds);
  return static_cast<int64_t>(std::ceil(horizon_s * kMicros));
}

namespace {

template <typename Lists>
auto FindEpoch(Lists& lists, int64_t epoch) {
  return std::find_if(lists.begin(), lists.end(),
                      [epoch](const auto& item) { return item.first == epoch; });
}

// REQUIRES: the slot has an entry in `list`.
template <typename Entry>
Entry& EntryOf(std::vector<Entry>& list, uint32_t slot) {
  return *std::find_if(list.begin(), list.end(), [slot](const Entry& e) { return e.slot == slot; });
}

}  // namespace

std::vector<IncidentFuser::BlockEntry>& IncidentFuser::IndexBlock::ListFor(int64_t epoch) {
  auto l = FindEpoch(lists, epoch);
  return l != lists.end() ? l->second : lists.emplace_back(epoch, std::vector<BlockEntry>()).second;
}

std::vector<IncidentFuser::BlockEntry>& IncidentFuser::IndexBlock::List(int64_t epoch) {
  return FindEpoch(lists, epoch)->second;
}

void IncidentFuser::IndexBlock::Remove(int64_t epoch, uint32_t slot) {
  auto l = FindEpoch(lists, epoch);
  std::vector<BlockEntry>& list = l->second;
  EntryOf(list, slot) = list.back();  // the order within a list does not matter: see Join
  list.pop_back();
  if (list.empty()) {
    *l = std::move(lists.back());
    lists.pop_back();
  }
}

void IncidentFuser::Register(uint32_t slot, CellRange range) {
  Open& open = open_[slot];
  const CellRange old = open.cells;
  const bool registered = old.row1 >= old.row0, registering = range.row1 >= range.row0;
  const int64_t epoch = registering ? EpochOf(slot) : kAnyEpoch;
  if (old.row0 == range.row0 && old.row1 == range.row1 && old.col0 == range.col0 &&
      old.col1 == range.col1 && (!registering || epoch == open.epoch)) {
    return;
  }
  const int family = static_cast<int>(FamilyOf(open.incident.kind));
  const CellRange old_blocks = BlocksOf(old), new_blocks = BlocksOf(range);
  const BlockEntry entry{static_cast<int32_t>(range.row0), static_cast<int32_t>(range.row1),
                         static_cast<int32_t>(range.col0), static_cast<int32_t>(range.col1), slot};
  if (registered && registering && epoch == open.epoch && old_blocks.row0 == new_blocks.row0 &&
      old_blocks.row1 == new_blocks.row1 && old_blocks.col0 == new_blocks.col0 &&
      old_blocks.col1 == new_blocks.col1) {
    // The same lists: the entries are updated where they are.
    for (int64_t r = new_blocks.row0; r <= new_blocks.row1; ++r) {
      for (int64_t c = new_blocks.col0; c <= new_blocks.col1; ++c) {
        EntryOf(blocks_.find(FamilyBlockKey(family, r, c))->second.List(epoch), slot) = entry;
      }
    }
    open.cells = range;
    return;
  }
  for (int64_t r = old_blocks.row0; r <= old_blocks.row1; ++r) {
    for (int64_t c = old_blocks.col0; c <= old_blocks.col1; ++c) {
      auto block = blocks_.find(FamilyBlockKey(family, r, c));
      block->second.Remove(open.epoch, slot);
      if (block->second.lists.empty()) blocks_.erase(block);
    }
  }
  for (int64_t r = new_blocks.row0; r <= new_blocks.row1; ++r) {
    for (int64_t c = new_blocks.col0; c <= new_blocks.col1; ++c) {
      blocks_[FamilyBlockKey(family, r, c)].ListFor(epoch).push_back(entry);
    }
  }
  open.cells = range;
  open.epoch = epoch;
}

IncidentFuser::IncidentFuser(FusionOptions options, IncidentCallback on_verified,
                             ClosedCallback on_closed)
    : options_(std::move(options)),
      on_verified_(std::move(on_verified)),
      on_closed_(std::move(on_closed)) {
  for (size_t i = 0; i < cos_table_.size(); ++i) {
    cos_table_[i] = std::cos(static_cast<double>(i) / kCosStepsPerDegree * M_PI / 180.0);
  }
}

IncidentFuser::~IncidentFuser() = default;

void IncidentFuser::ProcessBatch() {
  std::sort(same_time_.begin(), same_time_.end(),
            [](const Observation& a, const Observation& b) { return a.id < b.id; });
  for (const Observation& o : same_time_) Process(o);
  same_time_.clear();
}

void IncidentFuser::Add(Observation&& obs) {
  if (!same_time_.empty() && same_time_.front().time.utc_micros() != obs.time.utc_micros()) {
    ProcessBatch();
  }
  same_time_.push_back(std::move(obs));
}

void IncidentFuser::Finish() {
  ProcessBatch();
  CloseBefore(INT64_MAX);
}

// The search runs in three passes, each compacting the survivors of the one before without a
// branch on the outcome: the tests fail unpredictably (about half the entries share no cell,
// three candidates in four on the dense theatre fail the time gate), and the loads of one pass do
// not wait on the tests of the previous candidate. The scratch vectors only grow: the first
// elements, as many as a pass returns, are the current search's.

size_t IncidentFuser::CollectCandidates(int family, const CellRange& search, int64_t first_epoch,
                                        int64_t last_epoch) {
  std::vector<uint32_t>& candidates = search_scratch_;
  size_t found = 0;
  auto collect = [&](const std::vector<BlockEntry>& list, int64_t br, int64_t bc) {
    if (candidates.size() < found + list.size()) candidates.resize(2 * (found + list.size()));
    for (const BlockEntry& entry : list) {
      // A cell in common, and this block holds the first cell the two ranges share (an incident
      // spanning several blocks is looked at once).
      int shares = entry.row1 >= search.row0;  // an int: combined without short-circuit
      shares &= entry.row0 <= search.row1;
      shares &= entry.col1 >= search.col0;
      shares &= entry.col0 <= search.col1;
      shares &= BlockRow(std::max<int64_t>(entry.row0, search.row0)) == br;
      shares &= BlockCol(std::max<int64_t>(entry.col0, search.col0)) == bc;
      candidates[found] = entry.slot;
      found += static_cast<size_t>(shares);
    }
  };
  const CellRange blocks = BlocksOf(search);
  for (int64_t br = blocks.row0; br <= blocks.row1; ++br) {
    for (int64_t bc = blocks.col0; bc <= blocks.col1; ++bc) {
      auto block = blocks_.find(FamilyBlockKey(family, br, bc));
      if (block == blocks_.end()) continue;
      for (const auto& [epoch, list] : block->second.lists) {
        if (epoch == kAnyEpoch || (epoch >= first_epoch && epoch <= last_epoch)) {
          collect(list, br, bc);
        }
      }
    }
  }
  return found;
}

size_t IncidentFuser::GateInTime(size_t found, int64_t t, double clock_obs) {
  if (timed_scratch_.size() < found) timed_scratch_.resize(2 * found);
  size_t timed = 0;
  for (size_t i = 0; i < found; ++i) {
    const uint32_t slot = search_scratch_[i];
    const TimeSpan& span = spans_[slot];
    const int64_t lo = span.first_us, hi = span.last_us;
    const double dt_s = static_cast<double>(t < lo ? lo - t : (t > hi ? t - hi : 0)) / kMicros;
    const double tau = std::sqrt(clock_obs * clock_obs + span.clock_sigma_s * span.clock_sigma_s);
    timed_scratch_[timed] = {slot, dt_s, tau};
    timed += static_cast<size_t>(dt_s <= options_.gate_sigmas * tau);
  }
  return timed;
}

uint32_t IncidentFuser::Join(const Observation& obs, int family, double sigma_obs,
                             double clock_obs) {
  // Candidates: incidents registered (over their own reach, G x sigma_inc) in a cell that this
  // report's reach (G x sigma_obs + floor) also covers. The gate is at most the sum of the two
  // reaches, so any incident within it shares at least one cell with the report.
  const int64_t t = obs.time.utc_micros();
  const CellRange search =
      RangeFor(obs.position.position, options_.gate_sigmas * sigma_obs + kFloorMeters);
  // Incidents of a quick clock that this report could join have their last report within
  // gate_sigmas x sqrt(clock_obs^2 + kQuickClockSeconds^2) before it, or after it: at most the
  // watermark, which this report has already raised to its time.
  const double quick_reach_s =
      options_.gate_sigmas *
      std::sqrt(clock_obs * clock_obs + kQuickClockSeconds * kQuickClockSeconds);
  const int64_t since_us = t - static_cast<int64_t>(std::ceil(quick_reach_s * kMicros)) - 1;
  const size_t found =
      CollectCandidates(family, search, since_us >> kEpochBits, watermark_ >> kEpochBits);
  const size_t timed = GateInTime(found, t, clock_obs);
  // The space gate, and the best score: the least, ties to the earliest opened (the order of the
  // candidates does not matter).
  const double cos_lat = std::max(0.05, std::cos(obs.position.position.lat_deg * M_PI / 180.0));
  uint32_t best_slot = UINT32_MAX;
  int64_t best_seq = -1;
  double best_score = INFINITY;
  for (size_t i = 0; i < timed; ++i) {
    const auto [slot, dt_s, tau] = timed_scratch_[i];
    const Place& candidate = places_[slot];
    const double s = std::sqrt(sigma_obs * sigma_obs + candidate.sigma_m * candidate.sigma_m);
    const double d2 =
        ApproxMeters2(obs.position.position, LatLng{candidate.lat, candidate.lon}, cos_lat);
    const double gate = options_.gate_sigmas * s + kFloorMeters;
    if (d2 > gate * gate) continue;
    const double score = std::sqrt(d2) / s + dt_s / std::max(tau, 1e-3);
    if (score < best_score || (score == best_score && candidate.seq < best_seq)) {
      best_score = score;
      best_seq = candidate.seq;
      best_slot = slot;
    }
  }
  return best_slot;
}

uint32_t IncidentFuser::OpenSlot(const Observation& obs, double clock_obs) {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();  // reset when its incident closed
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(open_.size());
    open_.emplace_back();
    spans_.emplace_back();
    places_.emplace_back();
  }
  Open& open = open_[slot];
  open.seq = next_seq_++;
  open.incident.id = "inc-" + obs.id;
  open.incident.kind = obs.kind;  // any kind of the family until merged
  open.incident.first_seen = obs.time;
  open.incident.last_seen = obs.time;
  places_[slot] = Place{0, 0, 0, open.seq};
  spans_[slot] = TimeSpan{obs.time.utc_micros(), obs.time.utc_micros(), clock_obs, 0};
  ++open_count_;
  peak_open_ = std::max(peak_open_, open_count_);
  return slot;
}

void IncidentFuser::Merge(uint32_t slot, const Observation& obs, double clock_obs) {
  Open& open = open_[slot];
  TimeSpan& span = spans_[slot];
  Place& place = places_[slot];
  Incident& inc = open.incident;
  const bool first = inc.members.empty();
  const int64_t close_before = first ? INT64_MIN : span.close_us;
  const double clock_before = span.clock_sigma_s;
  inc.members.push_back({obs.id, obs.source_id, obs.source_type, obs.time});
  if (obs.time < inc.first_seen) inc.first_seen = obs.time;
  if (obs.time > inc.last_seen) inc.last_seen = obs.time;
  const int64_t horizon_us =
      first || clock_obs < clock_before ? HorizonMicros(clock_obs) : span.close_us - span.last_us;
  span.first_us = inc.first_seen.utc_micros();
  span.last_us = inc.last_seen.utc_micros();
  span.clock_sigma_s = std::min(clock_before, clock_obs);
  span.close_us = span.last_us + horizon_us;
  // A later last report, or a narrower clock, moves the closing time; the entry pushed before
  // is then stale (CloseBefore).
  if (span.close_us != close_before) closing_.Push({span.close_us, open.seq, slot});
  open.position.Add(obs.position);
  inc.position = open.position.Mean();
  place.lat = inc.position.position.lat_deg;
  place.lon = inc.position.position.lon_deg;
  place.sigma_m = inc.position.uncertainty_m;
  if (obs.origin) {
    open.origin.Add(*obs.origin);
    inc.origin = open.origin.Mean();
  }
  if (obs.bearing) inc.bearings.push_back(*obs.bearing);
  inc.count = std::max(inc.count, obs.count);
  const int kind = static_cast<int>(obs.kind);
  ++open.kind_counts[kind];
  if (open.best_kind < 0 || KindOutranks(open.kind_counts, kind, open.best_kind)) {
    open.best_kind = kind;
  }
  inc.kind = static_cast<ObservationKind>(open.best_kind);
  if (obs.weapon_class != WeaponClass::kUnknown) {
    const int weapon = static_cast<int>(obs.weapon_class);
    ++open.weapon_counts[weapon];
    if (open.best_weapon < 0 || WeaponOutranks(open.weapon_counts, weapon, open.best_weapon)) {
      open.best_weapon = weapon;
    }
  }
  inc.weapon_class =
      open.best_weapon < 0 ? WeaponClass::kUnknown : static_cast<WeaponClass>(open.best_weapon);

  if (std::none_of(open.source_members.begin(), open.source_members.end(),
                   [&](uint32_t m) { return inc.members[m].source_id == obs.source_id; })) {
    open.source_members.push_back(static_cast<uint32_t>(inc.members.size() - 1));
  }
  if (obs.source_type != SourceType::kOsint) open.has_non_osint = true;
  inc.independent_sources = static_cast<int>(open.source_members.size());
  if (inc.status == IncidentStatus::kCandidate) {
    const bool single =
        std::find(options_.single_source_types.begin(), options_.single_source_types.end(),
                  obs.source_type) != options_.single_source_types.end() &&
        obs.confidence >= options_.single_source_min_confidence;
    if (inc.independent_sources >= options_.min_independent_sources && open.has_non_osint) {
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
}

void IncidentFuser::Process(const Observation& obs) {
  const int64_t t = obs.time.utc_micros();
  if (t > watermark_) {
    watermark_ = t;
    CloseBefore(watermark_);
  }
  const int family = static_cast<int>(FamilyOf(obs.kind));
  const double sigma_obs = std::max(obs.position.uncertainty_m, 1.0);
  const double clock_obs = TimeUncertaintySeconds(obs);
  uint32_t slot = Join(obs, family, sigma_obs, clock_obs);
  if (slot == UINT32_MAX) slot = OpenSlot(obs, clock_obs);
  Merge(slot, obs, clock_obs);
  // Keep the incident registered over its current reach.
  const Incident& inc = open_[slot].incident;
  Register(slot,
           RangeFor(inc.position.position, options_.gate_sigmas * inc.position.uncertainty_m));
}

void IncidentFuser::CloseBefore(int64_t watermark_micros) {
  closing_.PopBefore(watermark_micros, [this](const ClosingQueue::Entry& entry) {
    // An entry whose time is no longer its incident's closing time is stale.
    if (places_[entry.slot].seq == entry.seq && spans_[entry.slot].close_us == entry.time_us) {
      Close(entry.slot);
    }
  });
}

void IncidentFuser::Close(uint32_t slot) {
  Register(slot, CellRange{0, -1, 0, -1});  // unregister
  if (on_closed_) on_closed_(std::move(open_[slot].incident));
  open_[slot] = Open();  // release its memory now
  places_[slot].seq = -1;
  free_slots_.push_back(slot);
  --open_count_;
}

}  // namespace guarantor
