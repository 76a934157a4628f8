#include "store/store.h"

#include <sodium.h>

#include <array>
#include <cstdlib>

#include "store/internal/migrations.h"
#include "store/internal/postgres_store.h"
#include "store/internal/sqlite_store.h"

namespace guarantor::store {
namespace {

void InitSodium() {
  // sodium_init returns 0 on the first success, 1 when already initialised, -1 on failure (no
  // usable randomness source: nothing here can work without it).
  [[maybe_unused]] static const bool initialised = [] {
    if (sodium_init() < 0) std::abort();
    return true;
  }();
}

}  // namespace

bool CanRead(const ReadScope& scope, Classification classification, std::string_view owner) {
  if (static_cast<int>(classification) <= static_cast<int>(scope.max_shared)) return true;
  return !scope.organisation.empty() && owner == scope.organisation;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    return internal::OpenPostgresStore(location);
  }
  return internal::OpenSqliteStore(location);
}

int CurrentSchemaVersion() { return internal::CurrentSchemaVersion(); }

std::string HashToken(std::string_view token) {
  InitSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

std::string NewToken() {
  InitSodium();
  std::array<unsigned char, 32> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(32, kVariant)> text;
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
  sodium_memzero(bytes.data(), bytes.size());
  return "gt_" + std::string(text.data());  // 43 characters: ceil(256 / 6)
}

}  // namespace guarantor::store
