// IncidentFuser: turns a stream of observations into incidents, incrementally, over a sliding
// window whose memory is bounded by the window, not by the length of the stream.
//
// Method (docs/monitoring.md):
//  - Gating. An observation may join an open incident of the same activity family (fire and
//    explosions; weapon sightings; movements and fortifications; air incursions) when its
//    position lies within `gate_sigmas` combined standard deviations of the incident's position
//    (sqrt(s_obs^2 + s_inc^2), plus a 50 m floor) and its time within `gate_sigmas` combined
//    clock deviations of the incident's time span. Among several incidents it joins the one with
//    the smallest normalised distance (ties: the earliest opened).
//  - Merging. Positions and origins are inverse-variance weighted means; the fused uncertainty
//    is 1 / sqrt(sum of 1 / s^2). Counts take the largest report; the kind, the most specific.
//  - Independence. Reports from the same source id count once.
//  - Verification. A candidate becomes verified when `min_independent_sources` distinct sources
//    report it, at least one of them not OSINT; or when a single source of a type listed in
//    `single_source_types` reports it with confidence at least `single_source_min_confidence`.
//  - Search. Each open incident is registered, under its activity family, in the cells of a
//    0.025 degree grid that its own reach (gate_sigmas x its uncertainty) covers; a report looks in
//    its family's cells that its reach (gate_sigmas x its uncertainty + 50 m) covers. Since the
//    gate is at most the sum of the two reaches, no incident within the gate is missed. Reaches
//    are capped at 40 cells (one degree). The index is keyed by blocks of 4 x 8 cells, each
//    holding the cell ranges of the incidents registered in it, so that a report probes a few
//    blocks rather than every cell. Incidents whose clock uncertainty is at most 60 s are also
//    keyed by the 18-minute epoch of their last report: a report can join them only within
//    gate_sigmas x sqrt(its clock^2 + 60^2) of that report, so it reads the few epochs that
//    reach, not the whole window an incident stays open for late reports. What the search reads
//    of an incident sits apart from the rest of it, in two compact arrays: its time span and
//    clock, tested first (the stricter gate on a dense theatre), then its position and
//    uncertainty.
//  - Closing. An incident closes when the stream's time has passed its last report by more than
//    gate_sigmas x sqrt(900^2 + c_inc^2) (the widest time gate a report of a clock up to 900 s,
//    OSINT's default, can have against it; c_inc its smallest clock uncertainty, counted up to
//    900 s) plus `lateness`: such a report at most `lateness` behind the stream's time that lies
//    inside the gate of an incident finds it open. It is then handed to the caller and forgotten.
//  - Determinism. Consecutive observations that share a timestamp are processed in id order,
//    whatever their arrival order; incidents that close together are emitted in the order of
//    their closing time, then of opening.
//
// Thread safety: not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "model/observation.h"
#include "monitor/closing_queue.h"
#include "monitor/incident.h"

namespace guarantor {

struct FusionOptions {
  double gate_sigmas = 3.0;
  int min_independent_sources = 2;
  std::vector<SourceType> single_source_types = {SourceType::kUav, SourceType::kCamera};
  double single_source_min_confidence = 0.9;
  int64_t lateness_seconds = 3600;  // how late a report may arrive behind the stream's time
};

class IncidentFuser {
 public:
  using IncidentCallback = std::function<void(const Incident&)>;
  // Takes the closed incident over: the fuser forgets it once the callback returns.
  using ClosedCallback = std::function<void(Incident&&)>;

  // `on_verified` is called when an incident becomes verified (it may still grow);
  // `on_closed` when it closes, with its final state. Either may be empty.
  IncidentFuser(FusionOptions options, IncidentCallback on_verified, ClosedCallback on_closed);
  ~IncidentFuser();

  void Add(Observation&& obs);
  void Add(const Observation& obs) { Add(Observation(obs)); }
  // Processes everything buffered and closes every open incident.
  void Finish();

  size_t open_incidents() const { return open_count_; }
  size_t peak_open_incidents() const { return peak_open_; }
  // The latest record time processed, in UTC microseconds (INT64_MIN before the first): when a
  // closing incident is handed over, the stream time at which it closed.
  int64_t watermark_micros() const { return watermark_; }

 private:
  struct Open;
  struct TimeSpan;
  struct Place;
  // A rectangle of grid cells, inclusive; empty when row1 < row0.
  struct CellRange {
    int64_t row0, row1, col0, col1;
  };
  // An incident registered over `cells`, as kept in each block of the index those cells touch.
  // Cells in 32 bits: rows and columns of the grid lie within +-2^20 (RangeFor's caps).
  struct BlockEntry {
    int32_t row0, row1, col0, col1;
    uint32_t slot;
  };
  // What the index keeps for one block of a family: the entries of its incidents in lists by the
  // epoch of their last report, kAnyEpoch for incidents of a slow clock. A few lists at once: the
  // epochs an incident stays open over. A list is dropped once empty.
  struct IndexBlock {
    std::vector<std::pair<int64_t, std::vector<BlockEntry>>> lists;
    std::vector<BlockEntry>& ListFor(int64_t epoch);  // made when missing
    std::vector<BlockEntry>& List(int64_t epoch);     // REQUIRES: present
    void Remove(int64_t epoch, uint32_t slot);        // REQUIRES: present
  };
  // A candidate of the search within the time gate: its distance in time and the combined
  // clock uncertainty.
  struct TimedCandidate {
    uint32_t slot;
    double dt_s, tau;
  };
  CellRange RangeFor(LatLng p, double radius_m) const;
  // The blocks of the index that `cells` touch.
  static CellRange BlocksOf(CellRange cells);
  // The epoch list of an IndexBlock the slot's incident belongs in: that of its last report, or
  // kAnyEpoch when its clock is slow.
  int64_t EpochOf(uint32_t slot) const;
  // How long after its last report an incident whose smallest clock uncertainty is
  // `clock_sigma_s` closes (the stream's time having passed that).
  int64_t HorizonMicros(double clock_sigma_s) const;
  // Registers the slot's incident over `range` and under its current epoch.
  void Register(uint32_t slot, CellRange range);
  // The first two passes of Join's search: the slots of the incidents registered under the given
  // epochs (and kAnyEpoch) over a cell of `search`, each once, into search_scratch_; then those
  // of them within the time gate of a report at `t`, into timed_scratch_. Each returns its count.
  size_t CollectCandidates(int family, const CellRange& search, int64_t first_epoch,
                           int64_t last_epoch);
  size_t GateInTime(size_t found, int64_t t, double clock_obs);
  // The slot of the open incident `obs` joins, or a new one.
  uint32_t Join(const Observation& obs, int family, double sigma_obs, double clock_obs);
  uint32_t OpenSlot(const Observation& obs, double clock_obs);
  void Merge(uint32_t slot, const Observation& obs, double clock_obs);
  void Process(const Observation& obs);
  void ProcessBatch();
  void CloseBefore(int64_t watermark_micros);
  void Close(uint32_t slot);

  static constexpr int kCosStepsPerDegree = 4;
  FusionOptions options_;
  // cos(i / kCosStepsPerDegree degrees), from 0 to 90 degrees: RangeFor's conservative cosine.
  std::array<double, 90 * kCosStepsPerDegree + 1> cos_table_;
  IncidentCallback on_verified_;
  ClosedCallback on_closed_;
  std::vector<Observation> same_time_;  // observations sharing the latest timestamp
  int64_t watermark_ = INT64_MIN;       // the latest record time seen
  int64_t next_seq_ = 0;
  // Open incidents by slot; a closed incident's slot is reused. `spans_[i]` and `places_[i]` are
  // the parts of `open_[i]` the search reads.
  std::vector<Open> open_;
  std::vector<TimeSpan> spans_;
  std::vector<Place> places_;
  std::vector<uint32_t> free_slots_;
  // Join's working space, kept to spare an allocation per report.
  std::vector<uint32_t> search_scratch_;
  std::vector<TimedCandidate> timed_scratch_;
  size_t open_count_ = 0;
  // (family, block) -> the incidents registered over a cell of the block.
  absl::flat_hash_map<uint64_t, IndexBlock> blocks_;
  // Open incidents by (last report time, opening sequence), an entry pushed each time an
  // incident's last report moves later; an entry whose time is no longer its incident's last
  // report is stale and skipped.
  ClosingQueue closing_;
  size_t peak_open_ = 0;
};

}  // namespace guarantor
