// KeyStore: the Ed25519 key pairs of the parties (and of the log itself) and the registry of their
// public keys.
//
// FileKeyStore keeps them in the data directory:
//   DIR/keys/<name>.secret   64-byte libsodium secret key in hex, mode 0600 (refused if group or
//                            others may read it)
//   DIR/keys/<name>.public   32-byte public key in hex: the registry verification trusts
// InMemoryKeyStore is the fake for tests.
//
//   std::unique_ptr<KeyStore> keys = NewFileKeyStore("data");
//   Result<PublicKey> pk = keys->Create("FR");
//   Result<KeyPair> pair = keys->LoadKeyPair("FR");
//
// A party's private key belongs with the party: in a deployment each delegation runs
// `guarantor keys new` on its own machine and hands over only the .public file.
//
// Thread safety: none; one KeyStore per thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ledger/signing_key.h"

namespace guarantor::ledger {

// The name under which the log's own key (which signs tree heads) is kept. Party names cannot
// start with '_' (ValidatePartyName), so it never collides with a party.
inline constexpr std::string_view kLogKeyName = "_log";

class KeyStore {
 public:
  virtual ~KeyStore() = default;

  // Generates and stores a key pair for `name` (a party name or kLogKeyName). Fails with
  // FailedPrecondition if `name` already has a key: keys are never silently replaced.
  virtual Result<PublicKey> Create(std::string_view name) = 0;
  // NotFound if `name` has no secret key here.
  virtual Result<KeyPair> LoadKeyPair(std::string_view name) const = 0;
  // NotFound if `name` is not in the registry.
  virtual Result<PublicKey> LoadPublicKey(std::string_view name) const = 0;
  // Names with a registered public key, sorted.
  virtual Result<std::vector<std::string>> ListNames() const = 0;
};

std::unique_ptr<KeyStore> NewFileKeyStore(std::string data_dir);
std::unique_ptr<KeyStore> NewInMemoryKeyStore();

}  // namespace guarantor::ledger
