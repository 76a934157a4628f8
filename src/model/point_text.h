// Points as the output files write them, in JSON text (base/json_text.h): latitude and longitude
// rounded to 6 decimals (about 0.1 m).
#pragma once

#include "base/json_text.h"
#include "model/lat_lng.h"
#include "model/observation.h"

namespace guarantor {

// The members "lat" and "lon", into the object `j` has open.
void WriteLatLngMembers(JsonText& j, LatLng p);

// {"lat":...,"lon":...,"uncertainty_m":...}, the uncertainty as given.
void WriteUncertainPoint(JsonText& j, const UncertainPoint& p);

}  // namespace guarantor
