// Severity of a violation on a documented 1-5 scale (docs/monitoring.md):
//   base by weapon class: small arms, drones, unknown 1; mortars, guns below 100 mm 2;
//   guns of 100 mm and above, tanks 3; MLRS, aircraft 4; heavy MLRS, tactical missiles 5;
//   a missile strike is 5 whatever its class;
//   +1 when the count is 10 or more;
//   +1 when it is inside a disengagement area or the radius of a protected site;
//   capped at 5. An incident that breaches nothing has severity 0.
#pragma once

#include "monitor/assessment.h"
#include "monitor/incident.h"

namespace guarantor {

int Severity(const Incident& incident, const Assessment& assessment);

}  // namespace guarantor
