// ReadObservationFromTape: the usual record, read from the tape simdjson's DOM parser made of the
// whole line in two tight passes, with every field and bound of ObservationParser. It only says
// yes or no: anything unusual (a field unknown, repeated, missing, of the wrong type or out of
// range; an integer zero, whose sign the tape does not keep) gives false, and the caller takes
// ObservationParser's field-by-field path, which words the message. The two agree on every record
// this accepts (tests/unit/observation_parser_test.cc, tests/fuzz/observation_fuzz.cc).
//
// Internal to the monitor module; ObservationParser is the interface.
#pragma once

#include "model/observation.h"

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace guarantor {

// REQUIRES: `out` holds ObservationParser's defaults. On false, `out` is unspecified.
bool ReadObservationFromTape(const simdjson::dom::element& root, Observation* out);

}  // namespace guarantor
