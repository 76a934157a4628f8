// DeriveContactLine and ComplementWithinBorder on a synthetic country and control area.
#include "geo/contact_line_derivation.h"

#include <gtest/gtest.h>

#include "geo/geodesy.h"
#include "geo/indexed_area.h"
#include "geo/line_of_contact.h"

namespace guarantor::geo {
namespace {

Polygon Box(double lon0, double lat0, double lon1, double lat1) {
  return Polygon{{LatLng{lat0, lon0}, LatLng{lat0, lon1}, LatLng{lat1, lon1}, LatLng{lat1, lon0}},
                 {}};
}

double LengthKm(const std::vector<Polyline>& parts) {
  double m = 0;
  for (const Polyline& p : parts) {
    for (size_t i = 0; i + 1 < p.size(); ++i) m += GeodesicDistance(p[i], p[i + 1]).meters();
  }
  return m / 1000;
}

// A country [30, 40] x [45, 52]; the control area covers its east from 37 E between 47 N and
// 50 N, and runs 0.5 degree past its border (as real maps digitise the border differently).
const MultiPolygon kBorder = {Box(30, 45, 40, 52)};
const MultiPolygon kControl = {Box(37, 47, 40.5, 50)};

TEST(ContactLineDerivationTest, KeepsOnlyTheBoundaryInsideTheBorder) {
  Result<DerivedContactLine> d = DeriveContactLine(kControl, kBorder, {});
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->parts.size(), 1u);  // the ring's pieces are joined into one line
  // West edge 333.6 km; north and south edges (3 degrees of longitude less the 3 km band, at
  // 50 and 47 N) 211.6 and 224.4 km.
  EXPECT_NEAR(LengthKm(d->parts), 333.6 + 211.6 + 224.4, 8);

  // The box's edges are straight in lon/lat; along a parallel a geodesic bows up to ~0.8 km away
  // over 3.5 degrees, so the boundary is densified (every 0.01 degree) before measuring.
  Polyline ring;
  const LatLng corners[] = {{47, 37}, {47, 40.5}, {50, 40.5}, {50, 37}, {47, 37}};
  for (int c = 0; c < 4; ++c) {
    for (int k = 0; k < 350; ++k) {
      const double f = k / 350.0;
      ring.push_back(
          LatLng{corners[c].lat_deg + f * (corners[c + 1].lat_deg - corners[c].lat_deg),
                 corners[c].lon_deg + f * (corners[c + 1].lon_deg - corners[c].lon_deg)});
    }
  }
  ring.push_back(corners[4]);
  Result<LineOfContact> boundary = LineOfContact::Build({ring});
  ASSERT_TRUE(boundary.ok());
  Result<LineOfContact> border = LineOfContact::Build(
      {{LatLng{45, 30}, LatLng{45, 40}, LatLng{52, 40}, LatLng{52, 30}, LatLng{45, 30}}});
  ASSERT_TRUE(border.ok());
  for (const LatLng& v : d->parts[0]) {
    // On the control boundary.
    EXPECT_LT(boundary->FindNearest(v).distance.meters(), 5) << v.lat_deg << "," << v.lon_deg;
    // Out of the band along the border (3 km, within the plane's 10% scale error).
    EXPECT_GT(border->FindNearest(v).distance.km(), 2.6) << v.lat_deg << "," << v.lon_deg;
  }
}

TEST(ContactLineDerivationTest, DropsShortPiecesAndRejectsEmptyResults) {
  ContactLineOptions options;
  options.min_part_length = Distance::Kilometers(2000);
  Result<DerivedContactLine> d = DeriveContactLine(kControl, kBorder, options);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("no part inside the border"), std::string::npos);
  // A control area wholly outside the border has no line.
  EXPECT_FALSE(DeriveContactLine({Box(41, 47, 42, 48)}, kBorder, {}).ok());
  EXPECT_FALSE(DeriveContactLine({}, kBorder, {}).ok());
}

TEST(ContactLineDerivationTest, ComplementIsTheRestOfTheCountry) {
  Result<MultiPolygon> rest = ComplementWithinBorder(kControl, kBorder);
  ASSERT_TRUE(rest.ok()) << rest.status().message();
  Result<IndexedArea> area = IndexedArea::Build(*rest);
  ASSERT_TRUE(area.ok()) << area.status().message();
  EXPECT_TRUE(area->Contains(LatLng{48, 35}));
  EXPECT_TRUE(area->Contains(LatLng{51, 39}));
  EXPECT_FALSE(area->Contains(LatLng{48, 38}));
  Result<IndexedArea> whole = IndexedArea::Build(kBorder);
  Result<IndexedArea> control = IndexedArea::Build({Box(37, 47, 40, 50)});
  EXPECT_NEAR(area->AreaKm2(), whole->AreaKm2() - control->AreaKm2(), 0.01 * whole->AreaKm2());
}

}  // namespace
}  // namespace guarantor::geo
