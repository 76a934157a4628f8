#include "monitor/observation_tape.h"

#include <simdjson.h>

#include <cmath>
#include <cstdint>
#include <string_view>

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

// Visits every field of an object once: `visit(key, value)` returns the field's bit, or 0 for a
// field it does not know. False on a non-object, an unknown or repeated field, or a required
// one missing.
template <typename Visit>
bool Fields(dom::element e, uint32_t required, Visit visit) {
  dom::object object;
  if (e.get_object().get(object) != simdjson::SUCCESS) return false;
  uint32_t seen = 0;
  for (const dom::key_value_pair field : object) {
    const uint32_t bit = visit(field.key, field.value);
    if (bit == 0 || (seen & bit) != 0) return false;
    seen |= bit;
  }
  return (seen & required) == required;
}

bool Point(dom::element e, bool with_uncertainty, UncertainPoint* out) {
  bool ok = true;
  const bool complete = Fields(
      e, with_uncertainty ? 7u : 3u, [&](std::string_view key, dom::element value) -> uint32_t {
        if (key == "lat") {
          ok = ok && Number(value, -90, 90, &out->position.lat_deg);
          return 1;
        }
        if (key == "lon") {
          ok = ok && Number(value, -180, 180, &out->position.lon_deg);
          return 2;
        }
        if (key == "uncertainty_m" && with_uncertainty) {
          ok = ok && Number(value, 0, kMaxUncertaintyMeters, &out->uncertainty_m);
          return 4;
        }
        return 0;
      });
  return complete && ok;
}

bool Source(dom::element e, Observation* out) {
  bool ok = true;
  const bool complete = Fields(e, 3, [&](std::string_view key, dom::element value) -> uint32_t {
    if (key == "id") {
      std::string_view id;
      ok = ok && String(value, kMaxIdLength, &id);
      if (ok) out->source_id.assign(id);
      return 1;
    }
    if (key == "type") {
      ok = ok && Enum(value, ParseSourceType, &out->source_type);
      return 2;
    }
    return 0;
  });
  return complete && ok;
}

bool BearingOf(dom::element e, Bearing* out) {
  bool ok = true;
  const bool complete = Fields(e, 7, [&](std::string_view key, dom::element value) -> uint32_t {
    if (key == "observer") {
      UncertainPoint p;
      ok = ok && Point(value, false, &p);
      out->observer = p.position;
      return 1;
    }
    if (key == "azimuth_deg") {
      ok = ok && Number(value, 0, 360, &out->azimuth_deg);
      if (out->azimuth_deg == 360) out->azimuth_deg = 0;
      return 2;
    }
    if (key == "uncertainty_deg") {
      ok = ok && Number(value, 0, 180, &out->uncertainty_deg);
      return 4;
    }
    return 0;
  });
  return complete && ok;
}

}  // namespace

bool ReadObservationFromTape(const dom::element& root, Observation* out) {
  constexpr uint32_t kId = 1 << 0, kTime = 1 << 1, kSource = 1 << 2, kKind = 1 << 3,
                     kPosition = 1 << 4;
  bool ok = true;
  const bool complete =
      Fields(root, kId | kTime | kSource | kKind | kPosition,
             [&](std::string_view key, dom::element value) -> uint32_t {
               if (key == "id") {
                 std::string_view id;
                 ok = ok && String(value, kMaxIdLength, &id);
                 if (ok) out->id.assign(id);
                 return kId;
               }
               if (key == "time") {
                 std::string_view text;
                 ok = ok && String(value, 64, &text);
                 if (ok) {
                   Result<Timestamp> t = Timestamp::Parse(text);
                   ok = t.ok();
                   if (ok) out->time = *t;
                 }
                 return kTime;
               }
               if (key == "time_uncertainty_s") {
                 double seconds = 0;
                 ok = ok && Number(value, 0, kMaxTimeUncertaintySeconds, &seconds);
                 out->time_uncertainty_s = seconds;
                 return 1 << 11;
               }
               if (key == "source") {
                 ok = ok && Source(value, out);
                 return kSource;
               }
               if (key == "kind") {
                 ok = ok && Enum(value, ParseObservationKind, &out->kind);
                 return kKind;
               }
               if (key == "position") {
                 ok = ok && Point(value, true, &out->position);
                 return kPosition;
               }
               if (key == "origin") {
                 ok = ok && Point(value, true, &out->origin.emplace());
                 return 1 << 5;
               }
               if (key == "bearing") {
                 ok = ok && BearingOf(value, &out->bearing.emplace());
                 return 1 << 6;
               }
               if (key == "weapon_class") {
                 ok = ok && Enum(value, ParseWeaponClass, &out->weapon_class);
                 return 1 << 7;
               }
               if (key == "count") {
                 int64_t n = 0;
                 ok = ok && value.type() == dom::element_type::INT64 &&
                      (n = value.get_int64().value_unsafe()) >= 1 && n <= kMaxObservationCount;
                 out->count = n;
                 return 1 << 8;
               }
               if (key == "confidence") {
                 ok = ok && Number(value, 0, 1, &out->confidence);
                 return 1 << 9;
               }
               if (key == "notes") {
                 std::string_view notes;
                 ok = ok && value.get_string().get(notes) == simdjson::SUCCESS &&
                      notes.size() <= kMaxNotesLength;
                 if (ok) out->notes.assign(notes);
                 return 1 << 10;
               }
               return 0;
             });
  return complete && ok;
}

}  // namespace guarantor
