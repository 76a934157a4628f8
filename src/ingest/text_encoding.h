// Decoding of input files into UTF-8, strictly: a byte sequence that is not valid in the declared
// encoding is an error naming its byte offset, never replaced or dropped.
//
//   Result<std::string> text = DecodeToUtf8(bytes, TextEncoding::kWindows1252, "events.csv");
//
// Decoding uses glibc's iconv; the five bytes that Windows-1252 leaves undefined (0x81, 0x8D,
// 0x8F, 0x90, 0x9D) are errors. A UTF-8 byte-order mark at the start is removed.
//
// Thread safety: free functions without shared state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace guarantor::ingest {

enum class TextEncoding { kUtf8 = 0, kWindows1252 = 1 };

std::string_view ToString(TextEncoding e);  // "utf-8", "windows-1252"
// Accepts the names above (case-insensitive) and "cp1252"; nullopt otherwise.
std::optional<TextEncoding> ParseTextEncoding(std::string_view name);

// `bytes` decoded to UTF-8. InvalidArgument, naming `label`, the 0-based byte offset, the 1-based
// line and the offending byte, when any byte sequence does not decode.
Result<std::string> DecodeToUtf8(std::string_view bytes, TextEncoding encoding,
                                 std::string_view label);

}  // namespace guarantor::ingest
