#include "ledger/digest.h"

#include <sodium.h>

namespace guarantor::ledger {

Status InitCrypto() {
  // sodium_init returns 0 on the first success, 1 when already initialised, -1 on failure.
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

Digest Sha256(std::string_view bytes) { return Sha256({bytes}); }

Digest Sha256(std::initializer_list<std::string_view> parts) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (std::string_view part : parts) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  }
  Digest out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

std::string_view AsBytes(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

std::string ToHex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    hex[2 * i] = kDigits[bytes[i] >> 4];
    hex[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return hex;
}

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Status DecodeHex(std::string_view hex, std::span<uint8_t> out, std::string_view what) {
  if (hex.size() != out.size() * 2) {
    return Status::InvalidArgument(std::string(what) + ": expected " +
                                   std::to_string(out.size() * 2) + " hex digits; found " +
                                   std::to_string(hex.size()) + " characters");
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const int high = HexValue(hex[2 * i]), low = HexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return Status::InvalidArgument(std::string(what) + ": expected hex digits; found \"" +
                                     std::string(hex.substr(2 * i, 2)) + "\" at offset " +
                                     std::to_string(2 * i));
    }
    out[i] = static_cast<uint8_t>(high << 4 | low);
  }
  return Status::Ok();
}

Result<Digest> DigestFromHex(std::string_view hex, std::string_view what) {
  Digest d;
  RETURN_IF_ERROR(DecodeHex(hex, d, what));
  return d;
}

}  // namespace guarantor::ledger
