#include "base/json_text.h"

#include <array>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

namespace guarantor {
namespace {

// The bytes a string may hold and still be copied whole: printable ASCII but '"' and '\\'.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int ch = 0x20; ch < 0x80; ++ch) plain[static_cast<size_t>(ch)] = ch != '"' && ch != '\\';
  return plain;
}();

}  // namespace

JsonText& JsonText::Key(std::string_view key) {
  if (comma_) out_ += ',';
  AppendEscaped(key);
  out_ += ':';
  comma_ = false;
  return *this;
}

JsonText& JsonText::String(std::string_view s) {
  BeforeValue();
  AppendEscaped(s);
  return *this;
}

JsonText& JsonText::Number(double v) {
  BeforeValue();
  // What dump() does with a double (its serializer's dump_float): null when not finite, else
  // nlohmann's own Grisu2 conversion with its exponent rules and ".0", into a buffer of the
  // serializer's size. Called directly, a number costs neither a document nor a string.
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  std::array<char, 64> buf;
  char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
  out_.append(buf.data(), static_cast<size_t>(end - buf.data()));
  return *this;
}

JsonText& JsonText::Int(int64_t v) {
  BeforeValue();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  return *this;
}

JsonText& JsonText::Bool(bool v) {
  BeforeValue();
  out_ += v ? "true" : "false";
  return *this;
}

JsonText& JsonText::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

void JsonText::AppendEscaped(std::string_view s) {
  // Most strings (ids, names, timestamps) need no escaping: copied whole.
  size_t plain = 0;
  while (plain < s.size() && kPlain[static_cast<unsigned char>(s[plain])]) ++plain;
  if (plain == s.size()) {
    out_ += '"';
    out_.append(s);
    out_ += '"';
    return;
  }
  // ASCII is escaped here as dump() escapes it (ensure_ascii off: only '"', '\\' and control
  // characters); anything else goes to nlohmann, which checks the UTF-8 as dump() does.
  for (unsigned char ch : s) {
    if (ch >= 0x80) {
      out_ += nlohmann::json(std::string(s)).dump();
      return;
    }
  }
  out_ += '"';
  for (unsigned char ch : s) {
    switch (ch) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (ch < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[ch >> 4];
          out_ += kHex[ch & 0xF];
        } else {
          out_ += static_cast<char>(ch);
        }
    }
  }
  out_ += '"';
}

}  // namespace guarantor
