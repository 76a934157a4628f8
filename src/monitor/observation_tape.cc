#include "monitor/observation_tape.h"

#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <string_view>

#include "monitor/observation_fields.h"
#include "monitor/observation_parser.h"

namespace guarantor {
namespace {

namespace dom = simdjson::dom;

// A finite number within [min, max]. An integer zero is left to the field-by-field path: "-0"
// is -0.0 there, and the tape keeps 0 without its sign. Integers beyond int64 are left to it
// too.
bool Number(dom::element e, double min, double max, double* out) {
  double d;
  switch (e.type()) {
    case dom::element_type::DOUBLE:
      d = e.get_double().value_unsafe();
      break;
    case dom::element_type::INT64: {
      const int64_t i = e.get_int64().value_unsafe();
      if (i == 0) return false;
      d = static_cast<double>(i);
      break;
    }
    default:
      return false;
  }
  if (!std::isfinite(d) || d < min || d > max) return false;
  *out = d;
  return true;
}

// A string of 1 to max_len bytes.
bool String(dom::element e, size_t max_len, std::string_view* out) {
  if (e.get_string().get(*out) != simdjson::SUCCESS) return false;
  return !out->empty() && out->size() <= max_len;
}

template <typename E>
bool Enum(dom::element e, std::optional<E> (*parse)(std::string_view), E* out) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return false;
  const std::optional<E> value = parse(s);
  if (!value) return false;
  *out = *value;
  return true;
}

// What a visitor says of one field: its bit (0 for a name it does not know), and whether its
// value was taken.
struct FieldRead {
  uint32_t bit;
  bool taken;
};

// Visits every field of an object once: `visit(key, value)` reads it. False on a non-object, an
// unknown or repeated field, a value not taken, or a required field missing.
template <typename Visit>
bool Fields(dom::element e, uint32_t required, Visit visit) {
  dom::object object;
  if (e.get_object().get(object) != simdjson::SUCCESS) return false;
  uint32_t seen = 0;
  for (const dom::key_value_pair field : object) {
    const FieldRead read = visit(field.key, field.value);
    if (read.bit == 0 || !read.taken || (seen & read.bit) != 0) return false;
    seen |= read.bit;
  }
  return (seen & required) == required;
}

bool Point(dom::element e, bool with_uncertainty, UncertainPoint* out) {
  return Fields(e, with_uncertainty ? 7u : 3u,
                [&](std::string_view key, dom::element value) -> FieldRead {
                  if (key == "lat") return {1, Number(value, -90, 90, &out->position.lat_deg)};
                  if (key == "lon") return {2, Number(value, -180, 180, &out->position.lon_deg)};
                  if (key == "uncertainty_m" && with_uncertainty) {
                    return {4, Number(value, 0, kMaxUncertaintyMeters, &out->uncertainty_m)};
                  }
                  return {0, false};
                });
}

// A string field of 1 to max_len bytes, copied into `out`.
bool CopyString(dom::element e, size_t max_len, std::string* out) {
  std::string_view s;
  if (!String(e, max_len, &s)) return false;
  out->assign(s);
  return true;
}

bool Source(dom::element e, Observation* out) {
  return Fields(e, 3, [&](std::string_view key, dom::element value) -> FieldRead {
    if (key == "id") return {1, CopyString(value, kMaxIdLength, &out->source_id)};
    if (key == "type") return {2, Enum(value, ParseSourceType, &out->source_type)};
    return {0, false};
  });
}

bool BearingOf(dom::element e, Bearing* out) {
  return Fields(e, 7, [&](std::string_view key, dom::element value) -> FieldRead {
    if (key == "observer") {
      UncertainPoint p;
      const bool taken = Point(value, false, &p);
      out->observer = p.position;
      return {1, taken};
    }
    if (key == "azimuth_deg") {
      const bool taken = Number(value, 0, 360, &out->azimuth_deg);
      if (out->azimuth_deg == 360) out->azimuth_deg = 0;
      return {2, taken};
    }
    if (key == "uncertainty_deg") return {4, Number(value, 0, 180, &out->uncertainty_deg)};
    return {0, false};
  });
}

bool Time(dom::element e, Timestamp* out) {
  std::string_view text;
  if (!String(e, 64, &text)) return false;
  Result<Timestamp> t = Timestamp::Parse(text);
  if (!t.ok()) return false;
  *out = *t;
  return true;
}

bool Count(dom::element e, int64_t* out) {
  if (e.type() != dom::element_type::INT64) return false;
  const int64_t n = e.get_int64().value_unsafe();
  if (n < 1 || n > kMaxObservationCount) return false;
  *out = n;
  return true;
}

bool Notes(dom::element e, std::string* out) {
  std::string_view notes;
  if (e.get_string().get(notes) != simdjson::SUCCESS || notes.size() > kMaxNotesLength) {
    return false;
  }
  out->assign(notes);
  return true;
}

}  // namespace

bool ReadObservationFromTape(const dom::element& root, Observation* out) {
  using namespace observation_fields;  // NOLINT(google-build-using-namespace): the field bits
  return Fields(root, kRequired, [&](std::string_view key, dom::element value) -> FieldRead {
    if (key == "id") return {kId, CopyString(value, kMaxIdLength, &out->id)};
    if (key == "time") return {kTime, Time(value, &out->time)};
    if (key == "time_uncertainty_s") {
      double seconds = 0;
      const bool taken = Number(value, 0, kMaxTimeUncertaintySeconds, &seconds);
      out->time_uncertainty_s = seconds;
      return {kTimeUncertainty, taken};
    }
    if (key == "source") return {kSource, Source(value, out)};
    if (key == "kind") return {kKind, Enum(value, ParseObservationKind, &out->kind)};
    if (key == "position") return {kPosition, Point(value, true, &out->position)};
    if (key == "origin") return {kOrigin, Point(value, true, &out->origin.emplace())};
    if (key == "bearing") return {kBearing, BearingOf(value, &out->bearing.emplace())};
    if (key == "weapon_class") {
      return {kWeaponClass, Enum(value, ParseWeaponClass, &out->weapon_class)};
    }
    if (key == "count") return {kCount, Count(value, &out->count)};
    if (key == "confidence") return {kConfidence, Number(value, 0, 1, &out->confidence)};
    if (key == "notes") return {kNotes, Notes(value, &out->notes)};
    return {0, false};
  });
}

}  // namespace guarantor
