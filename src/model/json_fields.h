// Typed fields of the project's own JSON Lines outputs (incidents, cases, decisions, the
// simulator's truth), read inside ForEachJsonLine (base/json_lines.h).
//
//   ForEachJsonLine(path, [&](const nlohmann::json& j) {
//     const Timestamp at = TimeField(j, "at");
//     const WeaponClass w = ChoiceField(j, "weapon_class", ParseWeaponClass, WeaponClassChoices());
//   });
//
// Each reader throws std::invalid_argument naming the field, what it expected and what it found
// (missing, of another type, or not in the vocabulary); ForEachJsonLine reports that with the
// file and line and stops. These files are written by guarantor, so a bad field means a file
// edited by hand or cut short: it is an error, never a default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "model/timestamp.h"

namespace guarantor {

// Throws std::invalid_argument("NAME: expected EXPECTED; found FOUND").
[[noreturn]] void ThrowFieldError(std::string_view name, std::string_view expected,
                                  std::string_view found);

// The string at `name`. The view lives as long as `j`.
std::string_view StringField(const nlohmann::json& j, const char* name);

// The string at `name`, or an empty view when `j` has no `name` (a field later versions added).
std::string_view OptionalStringField(const nlohmann::json& j, const char* name);

// A whole number in [lo, hi] at `name` (written without a fraction or an exponent).
int64_t IntegerField(const nlohmann::json& j, const char* name, int64_t lo, int64_t hi);

// An RFC 3339 time at `name`.
Timestamp TimeField(const nlohmann::json& j, const char* name);

// A name of a vocabulary at `name`, as `parse` reads it; `choices` says what was expected.
template <typename T>
T ChoiceField(const nlohmann::json& j, const char* name,
              std::optional<T> (*parse)(std::string_view), std::string_view choices) {
  const std::string_view text = StringField(j, name);
  const std::optional<T> value = parse(text);
  if (!value) ThrowFieldError(name, choices, "\"" + std::string(text) + "\"");
  return *value;
}

}  // namespace guarantor
