// Ed25519 keys and signatures (libsodium crypto_sign_*).
//
//   Result<KeyPair> pair = KeyPair::Generate();
//   Signature sig = pair->Sign(message);
//   bool ok = VerifySignature(pair->public_key(), message, sig);
//
// A KeyPair holds the secret key in memory that sodium_memzero clears when it is destroyed.
// Thread safety: value types; Sign is const and safe from several threads.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace guarantor::ledger {

inline constexpr size_t kPublicKeyBytes = 32;  // crypto_sign_PUBLICKEYBYTES
inline constexpr size_t kSecretKeyBytes = 64;  // crypto_sign_SECRETKEYBYTES (seed + public key)
inline constexpr size_t kSignatureBytes = 64;  // crypto_sign_BYTES

using PublicKey = std::array<uint8_t, kPublicKeyBytes>;
using Signature = std::array<uint8_t, kSignatureBytes>;

class KeyPair {
 public:
  // A fresh key pair from crypto_sign_keypair (the operating system's random source).
  static Result<KeyPair> Generate();
  // From the 64-byte libsodium secret key; fails unless its public half matches its seed.
  static Result<KeyPair> FromSecretKey(std::span<const uint8_t> secret_key);

  KeyPair(const KeyPair& other) = default;
  KeyPair& operator=(const KeyPair& other) = default;
  ~KeyPair();

  const PublicKey& public_key() const { return public_key_; }
  std::span<const uint8_t> secret_key() const { return secret_key_; }

  // Detached Ed25519 signature of `message`.
  Signature Sign(std::string_view message) const;

 private:
  KeyPair() = default;
  PublicKey public_key_{};
  std::array<uint8_t, kSecretKeyBytes> secret_key_{};
};

// True when `signature` is `public_key`'s Ed25519 signature of `message`.
bool VerifySignature(const PublicKey& public_key, std::string_view message,
                     const Signature& signature);

}  // namespace guarantor::ledger
