#include "monitor/observation_parser.h"

#include <simdjson.h>
#include <cmath>

#include "monitor/observation_fields.h"
#include "monitor/observation_tape.h"

namespace guarantor {
namespace {

namespace od = simdjson::ondemand;
static_assert(kObservationPadding >= simdjson::SIMDJSON_PADDING);

std::string Found(od::value& v) {
  od::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) return "malformed JSON";
  switch (type) {
    case od::json_type::array:
      return "a list";
    case od::json_type::object:
      return "an object";
    case od::json_type::number: {
      double d;
      if (v.get_double().get(d) == simdjson::SUCCESS) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.10g", d);
        return buf;
      }
      return "a number out of range";
    }
    case od::json_type::string: {
      std::string_view s;
      if (v.get_string().get(s) != simdjson::SUCCESS) return "a malformed string";
      if (s.size() > 40) return "\"" + std::string(s.substr(0, 37)) + "...\"";
      return "\"" + std::string(s) + "\"";
    }
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "an unknown value";
}

// The dotted path of a field ("position.lat"), spelled out only on the error path so that an
// accepted record allocates nothing for it.
struct FieldPath {
  std::string_view where;  // the enclosing object's path; empty at the top level
  std::string_view key;
  std::string str() const {
    return where.empty() ? std::string(key) : std::string(where) + "." + std::string(key);
  }
};

Status FieldError(const FieldPath& field, std::string_view expected, const std::string& found) {
  return Status::InvalidArgument(field.str() + ": expected " + std::string(expected) + "; found " +
                                 found);
}

Status ReadString(od::value& v, const FieldPath& field, size_t max_len, std::string_view* out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) {
    return FieldError(field, "a string", Found(v));
  }
  if (s.empty() || s.size() > max_len) {
    return FieldError(field, "a string of 1 to " + std::to_string(max_len) + " characters",
                      std::to_string(s.size()) + " characters");
  }
  *out = s;
  return Status::Ok();
}

Status ReadNumber(od::value& v, const FieldPath& field, double min, double max, double* out) {
  double d;
  if (v.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && d >= min && d <= max) {
    *out = d;
    return Status::Ok();
  }
  char range[96];  // the message is built only on the error path
  std::snprintf(range, sizeof range, "a number in [%g, %g]", min, max);
  return FieldError(field, range, Found(v));
}

// `choices` builds the vocabulary for the message, only on the error path.
template <typename E>
Status ReadEnum(od::value& v, const FieldPath& field, std::optional<E> (*parse)(std::string_view),
                std::string (*choices)(), E* out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return FieldError(field, choices(), Found(v));
  std::optional<E> e = parse(s);
  if (!e) return FieldError(field, choices(), "\"" + std::string(s.substr(0, 40)) + "\"");
  *out = *e;
  return Status::Ok();
}

// Visits the fields of an object, rejecting duplicates and fields `visit` does not know.
// `visit(key, value, seen_bit)` returns the field's bit (1 << n), or 0 for an unknown key.
template <typename Visit>
Status ForEachField(od::value& v, std::string_view where, uint32_t* seen, Visit visit) {
  od::object obj;
  if (v.get_object().get(obj) != simdjson::SUCCESS) {
    return FieldError(FieldPath{"", where.empty() ? "record" : where}, "an object", Found(v));
  }
  for (auto next : obj) {
    od::field field;
    std::string_view key;
    if (std::move(next).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return Status::InvalidArgument(std::string(where.empty() ? "record" : where) +
                                     ": expected a field name; found malformed JSON");
    }
    od::value& value = field.value();
    const FieldPath path{where, key};
    uint32_t bit = 0;
    RETURN_IF_ERROR(visit(key, value, path, &bit));
    if (bit == 0) {
      return Status::InvalidArgument(path.str() +
                                     ": expected a known field; found unknown field \"" +
                                     std::string(key.substr(0, 40)) + "\"");
    }
    if ((*seen & bit) != 0) {
      return Status::InvalidArgument(path.str() + ": expected the field once; found it twice");
    }
    *seen |= bit;
  }
  return Status::Ok();
}

Status RequireFields(uint32_t seen, uint32_t required, std::string_view where,
                     std::initializer_list<std::string_view> names) {
  if ((seen & required) == required) return Status::Ok();
  uint32_t bit = 1;
  for (std::string_view name : names) {
    if ((required & bit) != 0 && (seen & bit) == 0) {
      const std::string path =
          where.empty() ? std::string(name) : std::string(where) + "." + std::string(name);
      return Status::InvalidArgument(path + ": expected a value (required); found nothing");
    }
    bit <<= 1;
  }
  return Status::Ok();
}

Status ReadPoint(od::value& v, std::string_view where, bool with_uncertainty, UncertainPoint* out) {
  uint32_t seen = 0;
  RETURN_IF_ERROR(ForEachField(
      v, where, &seen,
      [&](std::string_view key, od::value& value, const FieldPath& path, uint32_t* bit) -> Status {
        if (key == "lat") {
          *bit = 1;
          return ReadNumber(value, path, -90, 90, &out->position.lat_deg);
        }
        if (key == "lon") {
          *bit = 2;
          return ReadNumber(value, path, -180, 180, &out->position.lon_deg);
        }
        if (key == "uncertainty_m" && with_uncertainty) {
          *bit = 4;
          return ReadNumber(value, path, 0, kMaxUncertaintyMeters, &out->uncertainty_m);
        }
        return Status::Ok();
      }));
  return RequireFields(seen, with_uncertainty ? 7u : 3u, where, {"lat", "lon", "uncertainty_m"});
}

Status ReadSource(od::value& v, Observation* out) {
  uint32_t seen = 0;
  RETURN_IF_ERROR(ForEachField(
      v, "source", &seen,
      [&](std::string_view key, od::value& value, const FieldPath& path, uint32_t* bit) -> Status {
        if (key == "id") {
          *bit = 1;
          std::string_view id;
          RETURN_IF_ERROR(ReadString(value, path, kMaxIdLength, &id));
          out->source_id.assign(id);
          return Status::Ok();
        }
        if (key == "type") {
          *bit = 2;
          return ReadEnum(value, path, ParseSourceType, SourceTypeChoices, &out->source_type);
        }
        return Status::Ok();
      }));
  return RequireFields(seen, 3, "source", {"id", "type"});
}

Status ReadBearing(od::value& v, Bearing* out) {
  uint32_t seen = 0;
  RETURN_IF_ERROR(ForEachField(
      v, "bearing", &seen,
      [&](std::string_view key, od::value& value, const FieldPath& path, uint32_t* bit) -> Status {
        if (key == "observer") {
          *bit = 1;
          UncertainPoint p;
          RETURN_IF_ERROR(ReadPoint(value, "bearing.observer", false, &p));
          out->observer = p.position;
          return Status::Ok();
        }
        if (key == "azimuth_deg") {
          *bit = 2;
          RETURN_IF_ERROR(ReadNumber(value, path, 0, 360, &out->azimuth_deg));
          if (out->azimuth_deg == 360) out->azimuth_deg = 0;
          return Status::Ok();
        }
        if (key == "uncertainty_deg") {
          *bit = 4;
          return ReadNumber(value, path, 0, 180, &out->uncertainty_deg);
        }
        return Status::Ok();
      }));
  return RequireFields(seen, 7, "bearing", {"observer", "azimuth_deg", "uncertainty_deg"});
}

using namespace observation_fields;  // NOLINT(google-build-using-namespace): the field bits

// Back to the defaults, keeping the strings' buffers.
void Reset(Observation* out) {
  out->id.clear();
  out->time = Timestamp();
  out->time_uncertainty_s.reset();
  out->source_id.clear();
  out->source_type = SourceType::kPatrol;
  out->kind = ObservationKind::kExplosion;
  out->position = UncertainPoint();
  out->origin.reset();
  out->bearing.reset();
  out->weapon_class = WeaponClass::kUnknown;
  out->count = 1;
  out->confidence = 1.0;
  out->notes.clear();
}

}  // namespace

struct ObservationParser::Impl {
  bool fast_path = true;
  simdjson::dom::parser tape;  // the fast path's
  od::parser parser;           // field by field
  std::string padded;          // the line copied with simdjson's required padding
};

ObservationParser::ObservationParser(Path path) : impl_(std::make_unique<Impl>()) {
  impl_->fast_path = path == Path::kFastFirst;
}
ObservationParser::~ObservationParser() = default;

Status ObservationParser::Parse(std::string_view line, Observation* out) {
  return Parse(line, line.size(), out);
}

Status ObservationParser::Parse(std::string_view line, size_t readable, Observation* out) {
  const char* data = line.data();
  if (readable < line.size() + simdjson::SIMDJSON_PADDING) {  // no room to read in place
    impl_->padded.assign(line);
    impl_->padded.append(simdjson::SIMDJSON_PADDING, '\0');
    data = impl_->padded.data();
    readable = impl_->padded.size();
  }
  Reset(out);
  // The usual record from the DOM tape; anything else field by field, which words the message.
  simdjson::dom::element tape_root;
  if (impl_->fast_path &&
      impl_->tape.parse(data, line.size(), false).get(tape_root) == simdjson::SUCCESS &&
      ReadObservationFromTape(tape_root, out)) {
    return Status::Ok();
  }
  Reset(out);
  od::document doc;
  if (impl_->parser.iterate(data, line.size(), readable).get(doc) != simdjson::SUCCESS) {
    return Status::InvalidArgument("record: expected a JSON object; found malformed JSON");
  }
  od::value root;
  if (doc.get_value().get(root) != simdjson::SUCCESS) {
    return Status::InvalidArgument("record: expected a JSON object; found malformed JSON");
  }
  uint32_t seen = 0;
  RETURN_IF_ERROR(ForEachField(
      root, "", &seen,
      [&](std::string_view key, od::value& value, const FieldPath& path, uint32_t* bit) -> Status {
        if (key == "id") {
          *bit = kId;
          std::string_view id;
          RETURN_IF_ERROR(ReadString(value, path, kMaxIdLength, &id));
          out->id.assign(id);
          return Status::Ok();
        }
        if (key == "time") {
          *bit = kTime;
          std::string_view text;
          RETURN_IF_ERROR(ReadString(value, path, 64, &text));
          Result<Timestamp> t = Timestamp::Parse(text);
          if (!t.ok()) return Status::InvalidArgument(path.str() + ": " + t.status().message());
          out->time = *t;
          return Status::Ok();
        }
        if (key == "time_uncertainty_s") {
          *bit = kTimeUncertainty;
          double seconds = 0;
          RETURN_IF_ERROR(ReadNumber(value, path, 0, kMaxTimeUncertaintySeconds, &seconds));
          out->time_uncertainty_s = seconds;
          return Status::Ok();
        }
        if (key == "source") {
          *bit = kSource;
          return ReadSource(value, out);
        }
        if (key == "kind") {
          *bit = kKind;
          return ReadEnum(value, path, ParseObservationKind, ObservationKindChoices, &out->kind);
        }
        if (key == "position") {
          *bit = kPosition;
          return ReadPoint(value, "position", true, &out->position);
        }
        if (key == "origin") {
          *bit = kOrigin;
          out->origin.emplace();
          return ReadPoint(value, "origin", true, &*out->origin);
        }
        if (key == "bearing") {
          *bit = kBearing;
          out->bearing.emplace();
          return ReadBearing(value, &*out->bearing);
        }
        if (key == "weapon_class") {
          *bit = kWeaponClass;
          return ReadEnum(value, path, ParseWeaponClass, WeaponClassChoices, &out->weapon_class);
        }
        if (key == "count") {
          *bit = kCount;
          int64_t n;
          if (value.get_int64().get(n) != simdjson::SUCCESS || n < 1 || n > kMaxObservationCount) {
            return FieldError(path,
                              "a whole number in [1, " + std::to_string(kMaxObservationCount) + "]",
                              Found(value));
          }
          out->count = n;
          return Status::Ok();
        }
        if (key == "confidence") {
          *bit = kConfidence;
          return ReadNumber(value, path, 0, 1, &out->confidence);
        }
        if (key == "notes") {
          *bit = kNotes;
          std::string_view s;
          if (value.get_string().get(s) != simdjson::SUCCESS) {
            return FieldError(path, "a string", Found(value));
          }
          if (s.size() > kMaxNotesLength) {
            return FieldError(path, "at most " + std::to_string(kMaxNotesLength) + " bytes",
                              std::to_string(s.size()) + " bytes");
          }
          out->notes.assign(s);
          return Status::Ok();
        }
        return Status::Ok();
      }));
  RETURN_IF_ERROR(RequireFields(seen, kRequired, "", {"id", "time", "source", "kind", "position"}));
  const char* rest = nullptr;
  if (doc.current_location().get(rest) != simdjson::OUT_OF_BOUNDS) {
    return Status::InvalidArgument(
        "record: expected one JSON object per line; found more after it");
  }
  return Status::Ok();
}

}  // namespace guarantor
