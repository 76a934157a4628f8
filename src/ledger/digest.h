// Digest: a SHA-256 value (libsodium crypto_hash_sha256) and its lower-case hex form.
//
//   Digest d = Sha256("abc");
//   std::string hex = ToHex(d);
//   Result<Digest> back = DigestFromHex(hex);
//
// Thread safety: free functions on values; safe from any thread once InitCrypto() has returned.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace guarantor::ledger {

inline constexpr size_t kDigestBytes = 32;
using Digest = std::array<uint8_t, kDigestBytes>;

// Initialises libsodium (sodium_init). Idempotent and thread-safe; every entry point of the
// module that hashes or signs calls it, so callers need not.
Status InitCrypto();

// SHA-256 of `bytes`.
Digest Sha256(std::string_view bytes);
// SHA-256 of the concatenation of `parts`, without building it.
Digest Sha256(std::initializer_list<std::string_view> parts);

std::string_view AsBytes(const Digest& digest);

// Lower-case hex of any byte string.
std::string ToHex(std::span<const uint8_t> bytes);
inline std::string ToHex(const Digest& digest) { return ToHex(std::span<const uint8_t>(digest)); }

// Decodes exactly `out.size()` bytes of hex (either case); `what` names the field in the error.
Status DecodeHex(std::string_view hex, std::span<uint8_t> out, std::string_view what);
Result<Digest> DigestFromHex(std::string_view hex, std::string_view what = "hash");

}  // namespace guarantor::ledger
