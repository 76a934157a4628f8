#include "model/json_fields.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace guarantor {
namespace {

// `value` as JSON text, cut to 40 characters.
std::string Shown(const nlohmann::json& value) {
  std::string shown = value.dump();
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  return shown;
}

const nlohmann::json& Present(const nlohmann::json& j, const char* name, std::string_view what) {
  if (!j.is_object()) ThrowFieldError(name, "a field of an object", Shown(j));
  auto it = j.find(name);
  if (it == j.end()) ThrowFieldError(name, std::string(what) + " (required)", "nothing");
  return *it;
}

}  // namespace

void ThrowFieldError(std::string_view name, std::string_view expected, std::string_view found) {
  throw std::invalid_argument(std::string(name) + ": expected " + std::string(expected) +
                              "; found " + std::string(found));
}

std::string_view StringField(const nlohmann::json& j, const char* name) {
  const nlohmann::json& value = Present(j, name, "a string");
  if (!value.is_string()) ThrowFieldError(name, "a string", Shown(value));
  return value.get_ref<const std::string&>();
}

std::string_view OptionalStringField(const nlohmann::json& j, const char* name) {
  return j.contains(name) ? StringField(j, name) : std::string_view();
}

int64_t IntegerField(const nlohmann::json& j, const char* name, int64_t lo, int64_t hi) {
  const std::string expected =
      "a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  const nlohmann::json& value = Present(j, name, expected);
  // Read as stored: converting a float or an out-of-range unsigned would be undefined.
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    const auto n = value.get<int64_t>();
    if (n >= lo && n <= hi) return n;
  } else if (value.is_number_unsigned()) {
    const auto n = value.get<uint64_t>();
    if (hi >= 0 && n <= static_cast<uint64_t>(hi) && static_cast<int64_t>(n) >= lo) {
      return static_cast<int64_t>(n);
    }
  }
  ThrowFieldError(name, expected, Shown(value));
}

Timestamp TimeField(const nlohmann::json& j, const char* name) {
  const nlohmann::json& value = Present(j, name, "an RFC 3339 time");
  if (!value.is_string()) ThrowFieldError(name, "an RFC 3339 time", Shown(value));
  Result<Timestamp> t = Timestamp::Parse(value.get_ref<const std::string&>());
  if (!t.ok()) throw std::invalid_argument(std::string(name) + ": " + t.status().message());
  return *t;
}

}  // namespace guarantor
