#include "monitor/incident_fuser.h"

#include <gtest/gtest.h>

#include <utility>

#include "geo/geodesy.h"

namespace guarantor {
namespace {

Observation Report(const std::string& id, const std::string& source, SourceType type,
                   const char* time, LatLng at, double sigma_m,
                   ObservationKind kind = ObservationKind::kArtilleryFire) {
  Observation o;
  o.id = id;
  o.source_id = source;
  o.source_type = type;
  o.time = *Timestamp::Parse(time);
  o.kind = kind;
  o.position = {at, sigma_m};
  o.confidence = 0.8;
  return o;
}

class FuserTest : public ::testing::Test {
 protected:
  std::vector<Incident> Run(const std::vector<Observation>& reports, FusionOptions options = {}) {
    std::vector<Incident> closed;
    IncidentFuser fuser(
        std::move(options), [&](const Incident& i) { verified_.push_back(i.id); },
        [&](const Incident& i) { closed.push_back(i); });
    for (const Observation& o : reports) fuser.Add(o);
    fuser.Finish();
    return closed;
  }
  std::vector<std::string> verified_;
};

const LatLng kHere{48.3, 37.5};

TEST_F(FuserTest, TwoIndependentSourcesMakeOneVerifiedIncident) {
  const LatLng near = geo::GeodesicDestination(kHere, 45, Distance::Meters(300));
  const auto closed =
      Run({Report("a", "patrol-1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400),
           Report("b", "acoustic-2", SourceType::kAcoustic, "2026-02-01T10:00:30Z", near, 800)});
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].id, "inc-a");
  EXPECT_EQ(closed[0].status, IncidentStatus::kVerified);
  EXPECT_EQ(closed[0].verified_by, "independent_sources");
  EXPECT_EQ(closed[0].independent_sources, 2);
  EXPECT_EQ(closed[0].members.size(), 2u);
  EXPECT_EQ(closed[0].verified_at, *Timestamp::Parse("2026-02-01T10:00:30Z"));
  // Inverse-variance mean: weights 1/400^2 and 1/800^2, so 4/5 of the way to the patrol's point.
  EXPECT_NEAR(geo::GeodesicDistance(closed[0].position.position, kHere).meters(), 60, 1);
  EXPECT_NEAR(closed[0].position.uncertainty_m, 1 / std::sqrt(1 / 160000.0 + 1 / 640000.0), 1e-6);
  EXPECT_EQ(verified_, std::vector<std::string>{"inc-a"});
}

TEST_F(FuserTest, TheSameSourceTwiceDoesNotCorroborate) {
  const auto closed =
      Run({Report("a", "patrol-1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400),
           Report("b", "patrol-1", SourceType::kPatrol, "2026-02-01T10:00:20Z", kHere, 400)});
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].status, IncidentStatus::kCandidate);
  EXPECT_EQ(closed[0].independent_sources, 1);
}

TEST_F(FuserTest, OsintAloneDoesNotVerify) {
  const auto closed =
      Run({Report("a", "osint-1", SourceType::kOsint, "2026-02-01T10:00:00Z", kHere, 3000),
           Report("b", "osint-2", SourceType::kOsint, "2026-02-01T10:05:00Z", kHere, 3000)});
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].independent_sources, 2);
  EXPECT_EQ(closed[0].status, IncidentStatus::kCandidate);
}

TEST_F(FuserTest, ConfidentImageryVerifiesAlone) {
  Observation uav = Report("a", "uav-1", SourceType::kUav, "2026-02-01T10:00:00Z", kHere, 60);
  uav.confidence = 0.95;
  const auto closed = Run({uav});
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].verified_by, "single_source:uav");
}

TEST_F(FuserTest, GatesInSpaceByTheStatedUncertainty) {
  // 3 sigma of sqrt(400^2 + 400^2) = 1697 m, plus the 50 m floor.
  const LatLng inside = geo::GeodesicDestination(kHere, 90, Distance::Meters(1700));
  const LatLng outside = geo::GeodesicDestination(kHere, 90, Distance::Meters(1800));
  EXPECT_EQ(Run({Report("a", "p1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400),
                 Report("b", "p2", SourceType::kPatrol, "2026-02-01T10:00:00Z", inside, 400)})
                .size(),
            1u);
  EXPECT_EQ(Run({Report("a", "p1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400),
                 Report("b", "p2", SourceType::kPatrol, "2026-02-01T10:00:00Z", outside, 400)})
                .size(),
            2u);
}

TEST_F(FuserTest, GatesInTimeByTheClockUncertainty) {
  // Patrols: 60 s each, so 3 * sqrt(2) * 60 = 254.6 s.
  EXPECT_EQ(Run({Report("a", "p1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400),
                 Report("b", "p2", SourceType::kPatrol, "2026-02-01T10:04:10Z", kHere, 400)})
                .size(),
            1u);
  EXPECT_EQ(Run({Report("a", "p1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400),
                 Report("b", "p2", SourceType::kPatrol, "2026-02-01T10:04:20Z", kHere, 400)})
                .size(),
            2u);
}

TEST_F(FuserTest, FindsIncidentsAcrossTheSearchIndexBlocksInEveryHemisphere) {
  // The search index keys incidents by blocks of 0.1 x 0.2 degrees: corners of blocks (and the
  // zero meridian and equator, where cell numbers change sign) must not hide an incident.
  const std::vector<LatLng> corners = {{48.3, 37.4}, {-33.9, -70.6}, {0.0, 0.0}, {0.1, -0.2}};
  for (const LatLng& corner : corners) {
    SCOPED_TRACE(::testing::Message() << corner.lat_deg << "," << corner.lon_deg);
    const LatLng south_west = geo::GeodesicDestination(corner, 225, Distance::Meters(2000));
    const LatLng north_east = geo::GeodesicDestination(corner, 45, Distance::Meters(2000));
    const LatLng far = geo::GeodesicDestination(corner, 45, Distance::Meters(12000));
    const auto wide =
        Report("w", "osint-1", SourceType::kOsint, "2026-02-01T10:00:00Z", south_west, 3000);
    const auto precise =
        Report("p", "camera-1", SourceType::kCamera, "2026-02-01T10:01:00Z", north_east, 50);
    auto late_wide = wide;
    late_wide.time = *Timestamp::Parse("2026-02-01T10:02:00Z");
    // Wide first: registered over many blocks, found from the report's single block.
    EXPECT_EQ(Run({wide, precise}).size(), 1u);
    // Precise first: registered in one block, found by a report searching many.
    EXPECT_EQ(Run({precise, late_wide}).size(), 1u);
    // Beyond the gate (3 x 3000 m + 50 m) they stay apart.
    auto distant = precise;
    distant.position.position = far;
    EXPECT_EQ(Run({wide, distant}).size(), 2u);
  }
}

TEST_F(FuserTest, FindsIncidentsWhateverTheEpochOfTheirLastReport) {
  // Incidents of a quick clock are indexed by the epoch (about 18 minutes) of their last report.
  const LatLng near = geo::GeodesicDestination(kHere, 90, Distance::Meters(300));
  // A patrol's report every 100 s for 40 minutes: each within the 255 s gate of the one before,
  // so one incident, re-indexed as its last report moves into later epochs.
  std::vector<Observation> steady;
  for (int i = 0; i < 25; ++i) {
    Observation o = Report("s" + std::to_string(i), "patrol-" + std::to_string(i % 3),
                           SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400);
    o.time = Timestamp(o.time.utc_micros() + int64_t{i} * 100'000'000, 0);
    steady.push_back(o);
  }
  EXPECT_EQ(Run(steady).size(), 1u);

  // An OSINT report (900 s clock) dated 10 minutes before a patrol's incident, arriving after
  // the stream has moved on by 30 minutes: it joins, though the incident's epoch is later than
  // the report's own.
  auto patrol = Report("p", "patrol-1", SourceType::kPatrol, "2026-02-01T10:20:00Z", kHere, 400);
  auto elsewhere =
      Report("e", "patrol-2", SourceType::kPatrol, "2026-02-01T10:50:00Z", LatLng{46.0, 33.0}, 400);
  auto late_osint = Report("o", "osint-1", SourceType::kOsint, "2026-02-01T10:10:00Z", near, 3000);
  const auto joined = Run({patrol, elsewhere, late_osint});
  ASSERT_EQ(joined.size(), 2u);
  EXPECT_EQ(joined[0].id, "inc-p");
  EXPECT_EQ(joined[0].members.size(), 2u);

  // An OSINT-only incident (slow clock) is joined by a patrol's report 40 minutes later: within
  // 3 x sqrt(60^2 + 900^2) = 2706 s.
  auto osint = Report("o", "osint-1", SourceType::kOsint, "2026-02-01T10:00:00Z", kHere, 3000);
  auto later = Report("l", "patrol-1", SourceType::kPatrol, "2026-02-01T10:40:00Z", near, 400);
  EXPECT_EQ(Run({osint, later}).size(), 1u);
}

TEST_F(FuserTest, DifferentActivityFamiliesStayApart) {
  EXPECT_EQ(Run({Report("a", "p1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400),
                 Report("b", "p2", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400,
                        ObservationKind::kTroopMovement)})
                .size(),
            2u);
}

TEST_F(FuserTest, TheMostSpecificKindWins) {
  const auto closed = Run({Report("a", "p1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere,
                                  400, ObservationKind::kExplosion),
                           Report("b", "p2", SourceType::kAcoustic, "2026-02-01T10:00:01Z", kHere,
                                  400, ObservationKind::kRocketFire)});
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].kind, ObservationKind::kRocketFire);
}

TEST_F(FuserTest, KindAndWeaponClassRankAsMembersArrive) {
  // Each report joins the incident of the one before (the same place, seconds apart). The kind:
  // the most reported, explosions only when nothing more specific was; between kinds reported as
  // often, the more specific. The weapon class: the most reported known class; between classes
  // reported as often, the later in the enumeration.
  struct Step {
    ObservationKind kind;
    WeaponClass weapon;
    ObservationKind expected_kind;
    WeaponClass expected_weapon;
  };
  using K = ObservationKind;
  using W = WeaponClass;
  const std::vector<Step> steps = {
      {K::kExplosion, W::kUnknown, K::kExplosion, W::kUnknown},
      {K::kExplosion, W::kMlrs, K::kExplosion, W::kMlrs},
      {K::kMortarFire, W::kArtilleryGe100mm, K::kMortarFire, W::kMlrs},
      {K::kArtilleryFire, W::kArtilleryGe100mm, K::kArtilleryFire, W::kArtilleryGe100mm},
      {K::kMortarFire, W::kMlrs, K::kMortarFire, W::kMlrs},
      {K::kArtilleryFire, W::kUnknown, K::kArtilleryFire, W::kMlrs},
      {K::kSmallArmsFire, W::kSmallArms, K::kArtilleryFire, W::kMlrs},
  };
  for (size_t n = 1; n <= steps.size(); ++n) {
    std::vector<Observation> reports;
    for (size_t i = 0; i < n; ++i) {
      Observation o = Report("r" + std::to_string(i), "p" + std::to_string(i), SourceType::kPatrol,
                             "2026-02-01T10:00:00Z", kHere, 400, steps[i].kind);
      o.time = Timestamp(o.time.utc_micros() + static_cast<int64_t>(i) * 1'000'000, 0);
      o.weapon_class = steps[i].weapon;
      reports.push_back(o);
    }
    const auto closed = Run(reports);
    ASSERT_EQ(closed.size(), 1u) << n;
    EXPECT_EQ(closed[0].kind, steps[n - 1].expected_kind) << n;
    EXPECT_EQ(closed[0].weapon_class, steps[n - 1].expected_weapon) << n;
  }
}

TEST_F(FuserTest, MemoryIsBoundedByTheWindow) {
  // One report a minute for three days, each far from the previous: incidents close as the
  // window passes, so the number open at once stays near the window's worth.
  std::vector<Incident> closed;
  FusionOptions options;
  IncidentFuser fuser(options, nullptr, [&](const Incident& i) { closed.push_back(i); });
  const int64_t start = Timestamp::Parse("2026-02-01T00:00:00Z")->utc_micros();
  for (int i = 0; i < 3 * 24 * 60; ++i) {
    Observation o =
        Report("o" + std::to_string(i), "p", SourceType::kPatrol, "2026-02-01T00:00:00Z",
               LatLng{47.0 + (i % 100) * 0.03, 35.0 + (i % 7) * 0.5}, 400);
    o.time = Timestamp(start + int64_t{i} * 60'000'000, 0);
    fuser.Add(o);
  }
  fuser.Finish();
  EXPECT_EQ(closed.size(), 3u * 24 * 60);
  // Horizon: 3 * sqrt(900^2 + 60^2) s + 3600 s = 6306 s, i.e. 105 one-minute reports (plus the
  // one in hand).
  EXPECT_LE(fuser.peak_open_incidents(), 107u);
}

// Reports `seconds` after 10:00:00 UTC on 2026-02-01.
Observation At(Observation o, int64_t seconds) {
  o.time =
      Timestamp(Timestamp::Parse("2026-02-01T10:00:00Z")->utc_micros() + seconds * 1'000'000, 0);
  return o;
}

// Two OSINT reports gate within 3 x sqrt(900^2 + 900^2) = 3818.4 s. An OSINT report arriving the
// full lateness (3600 s) behind the stream's time must still find an incident that far back open:
// the OSINT-only incident stays open 3818.4 + 3600 = 7418.4 s after its last report, where a
// horizon of 3 x 900 + 3600 = 6300 s would have closed it and split the event in two.
TEST_F(FuserTest, ALateReportInsideTheGateFindsItsIncidentOpen) {
  const Observation a =
      Report("a", "osint-1", SourceType::kOsint, "2026-02-01T10:00:00Z", kHere, 3000);
  // Elsewhere (another family, 300 km away): it only advances the stream's time.
  const Observation far = Report("far", "p", SourceType::kPatrol, "2026-02-01T10:00:00Z",
                                 LatLng{46.0, 33.5}, 400, ObservationKind::kTroopMovement);
  const Observation late =
      Report("b", "osint-2", SourceType::kOsint, "2026-02-01T10:00:00Z", kHere, 3000);
  std::vector<Incident> closed = Run({At(a, 0), At(far, 7418), At(late, 3818)});
  ASSERT_EQ(closed.size(), 2u);
  EXPECT_EQ(closed[0].id, "inc-a");
  EXPECT_EQ(closed[0].members.size(), 2u);
  EXPECT_EQ(closed[0].independent_sources, 2);
  // One second later it is past its gate, and the incident it would have joined has closed.
  closed = Run({At(a, 0), At(far, 7419), At(late, 3819)});
  EXPECT_EQ(closed.size(), 3u);
  // An incident with a quick member closes sooner: 3 x sqrt(900^2 + 60^2) + 3600 = 6306.0 s after
  // its last report, and a late OSINT report within 3 x 902.0 = 2706.0 s of it still joins.
  const Observation patrol =
      Report("p1", "patrol-1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 300);
  closed = Run({At(patrol, 0), At(far, 6305), At(late, 2705)});
  ASSERT_EQ(closed.size(), 2u);
  EXPECT_EQ(closed[0].members.size(), 2u);
  closed = Run({At(patrol, 0), At(far, 6307), At(late, 2707)});
  EXPECT_EQ(closed.size(), 3u);
}

// A report stating a clock uncertainty above 900 s is gated by its own clock, among the incidents
// still open: the horizon, which bounds the window, allows for clocks up to 900 s only.
TEST_F(FuserTest, AClockAbove900SecondsIsGatedByItselfAmongOpenIncidents) {
  const Observation a =
      Report("a", "osint-1", SourceType::kOsint, "2026-02-01T10:00:00Z", kHere, 3000);
  Observation vague =
      Report("b", "osint-2", SourceType::kOsint, "2026-02-01T10:00:00Z", kHere, 3000);
  vague.time_uncertainty_s = 5000;  // a gate of 3 x sqrt(5000^2 + 900^2) = 15 241 s
  EXPECT_EQ(Run({At(a, 0), At(vague, 7418)}).size(), 1u);
  // Past the OSINT-only incident's horizon (7418.4 s) it has closed.
  EXPECT_EQ(Run({At(a, 0), At(vague, 7419)}).size(), 2u);
  // An incident whose own clock is 5000 s stays open no longer than an OSINT one.
  Observation vague_first = vague;
  vague_first.id = "c";
  EXPECT_EQ(Run({At(vague_first, 0), At(vague, 7418)}).size(), 1u);
  EXPECT_EQ(Run({At(vague_first, 0), At(vague, 7419)}).size(), 2u);
}

TEST_F(FuserTest, SameTimestampOrderDoesNotMatter) {
  auto a = Report("x1", "p1", SourceType::kPatrol, "2026-02-01T10:00:00Z", kHere, 400);
  auto b = Report("x2", "p2", SourceType::kCamera, "2026-02-01T10:00:00Z",
                  geo::GeodesicDestination(kHere, 0, Distance::Meters(200)), 200);
  auto c = Report("x3", "p3", SourceType::kAcoustic, "2026-02-01T10:00:00Z",
                  geo::GeodesicDestination(kHere, 0, Distance::Meters(900)), 800);
  const auto one = Run({a, b, c});
  const auto two = Run({c, a, b});
  ASSERT_EQ(one.size(), two.size());
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].id, two[i].id);
    EXPECT_EQ(one[i].members.size(), two[i].members.size());
    EXPECT_EQ(one[i].position.position, two[i].position.position);
  }
}

}  // namespace
}  // namespace guarantor
