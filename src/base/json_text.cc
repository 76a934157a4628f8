#include "base/json_text.h"

#include <charconv>

#include <nlohmann/json.hpp>

namespace guarantor {

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
  // nlohmann's own formatting (Grisu2, its exponent rules, null for non-finite values): a
  // number alone costs no document.
  out_ += nlohmann::json(v).dump();
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
  while (plain < s.size()) {
    const auto ch = static_cast<unsigned char>(s[plain]);
    if (ch < 0x20 || ch == '"' || ch == '\\' || ch >= 0x80) break;
    ++plain;
  }
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
