// Rounding and fixed-point formatting of figures written to outputs, in one place so that every
// output rounds the same way: RoundTo(v, 3) is v rounded half away from zero to 3 decimals.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace guarantor {

// REQUIRES: 0 <= decimals <= 9.
inline double RoundTo(double v, int decimals) {
  static constexpr std::array<double, 10> kScale = {1e0, 1e1, 1e2, 1e3, 1e4,
                                                    1e5, 1e6, 1e7, 1e8, 1e9};
  const double scale = kScale[static_cast<size_t>(decimals)];
  return std::round(v * scale) / scale;
}

// v printed with exactly `digits` decimals, as printf's "%.*f" prints it (std::to_chars is
// specified to, and is an order of magnitude faster). Non-finite values print as "inf", "nan".
inline std::string FormatFixed(double v, int digits) {
  char buf[352];  // the longest fixed form of a double (about 310 digits) and the decimals
  const std::to_chars_result r =
      std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, digits);
  return std::string(buf, r.ptr);
}

}  // namespace guarantor
