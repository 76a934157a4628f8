#include "ledger/signing_key.h"

#include <sodium.h>

#include <cstring>

#include "ledger/digest.h"

namespace guarantor::ledger {

static_assert(kPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kSecretKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(kSignatureBytes == crypto_sign_BYTES);

Result<KeyPair> KeyPair::Generate() {
  RETURN_IF_ERROR(InitCrypto());
  KeyPair pair;
  if (crypto_sign_keypair(pair.public_key_.data(), pair.secret_key_.data()) != 0) {
    return Status::Internal("crypto_sign_keypair failed");
  }
  return pair;
}

Result<KeyPair> KeyPair::FromSecretKey(std::span<const uint8_t> secret_key) {
  RETURN_IF_ERROR(InitCrypto());
  if (secret_key.size() != kSecretKeyBytes) {
    return Status::InvalidArgument("secret key: expected " + std::to_string(kSecretKeyBytes) +
                                   " bytes; found " + std::to_string(secret_key.size()));
  }
  KeyPair pair;
  std::memcpy(pair.secret_key_.data(), secret_key.data(), kSecretKeyBytes);
  // Re-derive the key pair from the seed: a secret key whose halves disagree is corrupt.
  unsigned char seed[crypto_sign_SEEDBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, pair.secret_key_.data());
  PublicKey derived;
  std::array<uint8_t, kSecretKeyBytes> rederived;
  crypto_sign_seed_keypair(derived.data(), rederived.data(), seed);
  sodium_memzero(seed, sizeof seed);
  const bool consistent =
      sodium_memcmp(rederived.data(), pair.secret_key_.data(), kSecretKeyBytes) == 0;
  sodium_memzero(rederived.data(), rederived.size());
  if (!consistent) {
    return Status::InvalidArgument(
        "secret key: expected its public half to match its seed; found a mismatch (corrupt key)");
  }
  pair.public_key_ = derived;
  return pair;
}

KeyPair::~KeyPair() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Signature KeyPair::Sign(std::string_view message) const {
  Signature signature;
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key_.data());
  return signature;
}

bool VerifySignature(const PublicKey& public_key, std::string_view message,
                     const Signature& signature) {
  if (!InitCrypto().ok()) return false;
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

}  // namespace guarantor::ledger
