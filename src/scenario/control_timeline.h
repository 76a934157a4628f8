// ControlTimeline: who controlled a point on a given day, from a series of control-area maps, one
// per date (the DeepStateMap layout: one GeoJSON file per day, named *_YYYYMMDD.geojson, each the
// territory held by one party). A day between two maps is answered from the nearest earlier map;
// a day before the first map has no answer.
//
//   Result<ControlTimeline> t = ControlTimeline::LoadDirectory(dir, {"RU", "UA", &ukraine});
//   std::optional<ControlAnswer> a = t->At(LatLng{48.0, 37.8}, *ParseIsoDate("2025-03-15"));
//   a->party;     // "RU", "UA", or "" outside the border
//   a->map_date;  // "2025-03-01": the map that answered
//
// Lookups are a binary search over the dates and a point-in-polygon test on an indexed area
// (geo::IndexedArea): microseconds each (docs/real-data.md gives measured figures).
//
// Thread safety: immutable after loading; At() is safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "geo/indexed_area.h"
#include "model/geometry.h"

namespace guarantor {

// Days since 1970-01-01 of a date written YYYY-MM-DD or YYYYMMDD; nullopt when malformed or not
// a calendar date.
std::optional<int64_t> ParseIsoDate(std::string_view text);
// YYYY-MM-DD of a day count.
std::string FormatIsoDate(int64_t day);

struct ControlAnswer {
  std::string party;     // the holder; empty when the point is outside both the map and the border
  std::string map_date;  // YYYY-MM-DD of the map used
};

struct ControlParties {
  std::string inside;                    // who holds the mapped territory, e.g. "RU"
  std::string outside;                   // who holds the rest of `border`, e.g. "UA"; may be empty
  const MultiPolygon* border = nullptr;  // nullable; only read while loading
};

// One map of the series, as read.
struct DatedArea {
  int64_t day = 0;
  std::string file;
  MultiPolygon area;
};

// The *_YYYYMMDD.geojson files of `dir`, sorted by date, not yet read (`area` empty). NotFound
// when there is none; InvalidArgument for a name whose digits are not a calendar date.
Result<std::vector<DatedArea>> ListDatedMaps(const std::string& dir);

class ControlTimeline {
 public:
  // Every *_YYYYMMDD.geojson file in `dir` (other files are ignored). InvalidArgument naming the
  // file when a map does not load; NotFound when the directory holds no map; two maps of one date
  // are an error.
  static Result<ControlTimeline> LoadDirectory(const std::string& dir,
                                               const ControlParties& parties);
  static Result<ControlTimeline> Build(std::vector<DatedArea> maps, const ControlParties& parties);

  ControlTimeline(ControlTimeline&&) noexcept;
  ControlTimeline& operator=(ControlTimeline&&) noexcept;
  ~ControlTimeline();

  // nullopt when `day` precedes the first map.
  std::optional<ControlAnswer> At(LatLng p, int64_t day) const;

  // The map in force on `day` (nearest earlier or same date); nullptr before the first map.
  const DatedArea* MapOn(int64_t day) const;
  size_t size() const;

 private:
  struct Index;
  explicit ControlTimeline(std::unique_ptr<Index> index);
  std::unique_ptr<Index> index_;
};

}  // namespace guarantor
