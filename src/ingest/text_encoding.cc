#include "ingest/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>

namespace guarantor::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status DecodeError(std::string_view label, std::string_view bytes, size_t offset,
                   std::string_view encoding, std::string_view what) {
  const int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(bytes[offset]));
  return Status::InvalidArgument(std::string(label) + ": byte offset " + std::to_string(offset) +
                                 " (line " + std::to_string(line) + "): " + std::string(what) +
                                 " " + std::string(encoding) + " at byte " + byte +
                                 "; nothing was imported");
}

// RAII for an iconv descriptor.
class Converter {
 public:
  Converter(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  // (iconv_t)-1 is how iconv_open(3) says it failed.
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

Result<std::string> Convert(std::string_view bytes, const char* from, std::string_view encoding,
                            std::string_view label) {
  Converter conv("UTF-8", from);
  if (!conv.ok()) {
    return Status::Internal("iconv cannot convert from " + std::string(from) + " on this system");
  }
  std::string out;
  out.resize(bytes.size() * 3 + 4);  // a Windows-1252 byte is at most 3 UTF-8 bytes
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  if (iconv(conv.get(), &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1)) {
    const size_t offset = bytes.size() - in_left;
    if (errno == EILSEQ) return DecodeError(label, bytes, offset, encoding, "not valid");
    if (errno == EINVAL) return DecodeError(label, bytes, offset, encoding, "truncated");
    return Status::Internal(std::string(label) + ": iconv failed at byte offset " +
                            std::to_string(offset));
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::string_view ToString(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kWindows1252:
      return "windows-1252";
  }
  return "?";
}

std::optional<TextEncoding> ParseTextEncoding(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "utf-8" || n == "utf8") return TextEncoding::kUtf8;
  if (n == "windows-1252" || n == "cp1252") return TextEncoding::kWindows1252;
  return std::nullopt;
}

Result<std::string> DecodeToUtf8(std::string_view bytes, TextEncoding encoding,
                                 std::string_view label) {
  switch (encoding) {
    case TextEncoding::kUtf8: {
      // iconv from UTF-8 to UTF-8 validates: overlong forms, surrogates and stray continuation
      // bytes are EILSEQ. The whole input is converted so that offsets count from its start.
      Result<std::string> r = Convert(bytes, "UTF-8", ToString(encoding), label);
      if (r.ok() && r->starts_with("\xEF\xBB\xBF")) r->erase(0, 3);
      return r;
    }
    case TextEncoding::kWindows1252:
      return Convert(bytes, "WINDOWS-1252", ToString(encoding), label);
  }
  return Status::Internal("unknown encoding");
}

}  // namespace guarantor::ingest
