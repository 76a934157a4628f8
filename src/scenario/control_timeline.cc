#include "scenario/control_timeline.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>

#include "scenario/geojson_file.h"

namespace guarantor {

std::optional<int64_t> ParseIsoDate(std::string_view text) {
  std::string digits;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    digits = std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) +
             std::string(text.substr(8, 2));
  } else if (text.size() == 8) {
    digits = std::string(text);
  } else {
    return std::nullopt;
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(std::stoi(digits.substr(0, 4))),
                                        std::chrono::month(std::stoul(digits.substr(4, 2))),
                                        std::chrono::day(std::stoul(digits.substr(6, 2)))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

std::string FormatIsoDate(int64_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(day))};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

struct ControlTimeline::Index {
  std::vector<DatedArea> maps;  // sorted by day
  std::vector<geo::IndexedArea> areas;
  std::optional<geo::IndexedArea> border;
  std::string inside, outside;
};

ControlTimeline::ControlTimeline(std::unique_ptr<Index> index) : index_(std::move(index)) {}
ControlTimeline::ControlTimeline(ControlTimeline&&) noexcept = default;
ControlTimeline& ControlTimeline::operator=(ControlTimeline&&) noexcept = default;
ControlTimeline::~ControlTimeline() = default;

Result<ControlTimeline> ControlTimeline::Build(std::vector<DatedArea> maps,
                                               const ControlParties& parties) {
  if (maps.empty()) return Status::NotFound("no control-area map was given");
  std::sort(maps.begin(), maps.end(),
            [](const DatedArea& a, const DatedArea& b) { return a.day < b.day; });
  auto index = std::make_unique<Index>();
  for (size_t i = 0; i < maps.size(); ++i) {
    if (i > 0 && maps[i].day == maps[i - 1].day) {
      return Status::InvalidArgument(maps[i].file + ": a second map for " +
                                     FormatIsoDate(maps[i].day) + " (first: " + maps[i - 1].file +
                                     ")");
    }
    Result<geo::IndexedArea> area = geo::IndexedArea::Build(maps[i].area);
    if (!area.ok()) return Status::InvalidArgument(maps[i].file + ": " + area.status().message());
    index->areas.push_back(std::move(*area));
  }
  if (parties.border != nullptr) {
    Result<geo::IndexedArea> border = geo::IndexedArea::Build(*parties.border);
    if (!border.ok()) return Status::InvalidArgument("border: " + border.status().message());
    index->border.emplace(std::move(*border));
  }
  index->maps = std::move(maps);
  index->inside = parties.inside;
  index->outside = parties.outside;
  return ControlTimeline(std::move(index));
}

Result<std::vector<DatedArea>> ListDatedMaps(const std::string& dir) {
  static const std::regex kName(R"(.*_(\d{8})\.geojson)");
  std::vector<DatedArea> maps;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    std::smatch m;
    if (!entry.is_regular_file() || !std::regex_match(name, m, kName)) continue;
    std::optional<int64_t> day = ParseIsoDate(m[1].str());
    if (!day) {
      return Status::InvalidArgument(entry.path().string() + ": the name holds no calendar date");
    }
    maps.push_back(DatedArea{*day, entry.path().string(), {}});
  }
  if (ec) return Status::NotFound(dir + ": cannot list the directory: " + ec.message());
  if (maps.empty()) return Status::NotFound(dir + ": no file named *_YYYYMMDD.geojson");
  std::sort(maps.begin(), maps.end(),
            [](const DatedArea& a, const DatedArea& b) { return a.day < b.day; });
  return maps;
}

Result<ControlTimeline> ControlTimeline::LoadDirectory(const std::string& dir,
                                                       const ControlParties& parties) {
  ASSIGN_OR_RETURN(std::vector<DatedArea> maps, ListDatedMaps(dir));
  for (DatedArea& map : maps) {
    ASSIGN_OR_RETURN(map.area, LoadGeoJsonArea(map.file));
  }
  return Build(std::move(maps), parties);
}

const DatedArea* ControlTimeline::MapOn(int64_t day) const {
  const auto& maps = index_->maps;
  auto it = std::upper_bound(maps.begin(), maps.end(), day,
                             [](int64_t d, const DatedArea& m) { return d < m.day; });
  if (it == maps.begin()) return nullptr;
  return &*(it - 1);
}

std::optional<ControlAnswer> ControlTimeline::At(LatLng p, int64_t day) const {
  const DatedArea* map = MapOn(day);
  if (map == nullptr) return std::nullopt;
  const size_t i = static_cast<size_t>(map - index_->maps.data());
  ControlAnswer a;
  a.map_date = FormatIsoDate(map->day);
  if (index_->areas[i].Contains(p)) {
    a.party = index_->inside;
  } else if (index_->border && index_->border->Contains(p)) {
    a.party = index_->outside;
  }
  return a;
}

size_t ControlTimeline::size() const { return index_->maps.size(); }

}  // namespace guarantor
