#include "model/point_text.h"

#include "base/rounding.h"

namespace guarantor {

void WriteLatLngMembers(JsonText& j, LatLng p) {
  j.Key("lat").Number(RoundTo(p.lat_deg, 6)).Key("lon").Number(RoundTo(p.lon_deg, 6));
}

void WriteUncertainPoint(JsonText& j, const UncertainPoint& p) {
  j.BeginObject();
  WriteLatLngMembers(j, p.position);
  j.Key("uncertainty_m").Number(p.uncertainty_m).EndObject();
}

}  // namespace guarantor
