#include "ledger/key_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "ledger/digest.h"
#include "ledger/ledger_entry.h"

namespace guarantor::ledger {
namespace {

Status ValidateKeyName(std::string_view name) {
  if (name == kLogKeyName) return Status::Ok();
  return ValidatePartyName(name);
}

std::string Errno(const std::string& path) { return path + ": " + std::strerror(errno); }

Status MakeDirectory(const std::string& path, mode_t mode) {
  if (mkdir(path.c_str(), mode) == 0 || errno == EEXIST) return Status::Ok();
  return Status::IoError("cannot create directory " + Errno(path));
}

// fsync of a directory, so that a file created in it survives a crash.
Status SyncDirectory(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::IoError("cannot open directory " + Errno(path));
  const int rc = fsync(fd);
  close(fd);
  if (rc != 0) return Status::IoError("cannot sync directory " + Errno(path));
  return Status::Ok();
}

// Creates `path` exclusively with `mode`, writes `text`, and syncs it.
Status WriteNewFile(const std::string& path, const std::string& text, mode_t mode) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Status::IoError("cannot create " + Errno(path));
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status failed = Status::IoError("cannot write " + Errno(path));
      close(fd);
      return failed;
    }
    written += static_cast<size_t>(n);
  }
  if (fchmod(fd, mode) != 0 || fsync(fd) != 0) {
    Status failed = Status::IoError("cannot sync " + Errno(path));
    close(fd);
    return failed;
  }
  if (close(fd) != 0) return Status::IoError("cannot close " + Errno(path));
  return Status::Ok();
}

// Writes `text` to a temporary file beside `path`, syncs it, and only then gives it the name
// `path`, with link(2), which is atomic and fails if the name exists: `path` is never seen
// half-written, and never replaced.
Status PublishNewFile(const std::string& path, const std::string& text, mode_t mode) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  unlink(temp.c_str());  // a leftover of a killed process with the same pid
  RETURN_IF_ERROR(WriteNewFile(temp, text, mode));
  const int rc = link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  unlink(temp.c_str());
  if (rc != 0) {
    errno = link_errno;
    if (link_errno == EEXIST) {
      return Status::FailedPrecondition(path + " already exists; keys are never replaced");
    }
    return Status::IoError("cannot create " + Errno(path));
  }
  return Status::Ok();
}

Result<std::string> ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": expected a key file; found none");
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

class FileKeyStore final : public KeyStore {
 public:
  explicit FileKeyStore(std::string data_dir) : data_dir_(std::move(data_dir)) {}

  Result<PublicKey> Create(std::string_view name) override {
    RETURN_IF_ERROR(ValidateKeyName(name));
    RETURN_IF_ERROR(MakeDirectory(data_dir_, 0755));
    RETURN_IF_ERROR(MakeDirectory(KeysDir(), 0700));
    struct stat st;
    const bool has_secret = stat(SecretPath(name).c_str(), &st) == 0;
    const bool has_public = stat(PublicPath(name).c_str(), &st) == 0;
    if (has_public) {
      return Status::FailedPrecondition(std::string(name) + " already has a key in " + KeysDir() +
                                        "; keys are never replaced");
    }
    if (has_secret) {
      // A creation interrupted between the secret key and its public half: complete it with the
      // public key the secret key holds (a key is never replaced, only finished).
      ASSIGN_OR_RETURN(KeyPair pair, ReadSecret(name));
      RETURN_IF_ERROR(PublishNewFile(
          PublicPath(name), ToHex(std::span<const uint8_t>(pair.public_key())) + "\n", 0644));
      RETURN_IF_ERROR(SyncDirectory(KeysDir()));
      return pair.public_key();
    }
    ASSIGN_OR_RETURN(KeyPair pair, KeyPair::Generate());
    std::string secret_hex = ToHex(pair.secret_key()) + "\n";
    const Status wrote_secret = PublishNewFile(SecretPath(name), secret_hex, 0600);
    sodium_memzero(secret_hex.data(), secret_hex.size());
    RETURN_IF_ERROR(wrote_secret);
    RETURN_IF_ERROR(PublishNewFile(
        PublicPath(name), ToHex(std::span<const uint8_t>(pair.public_key())) + "\n", 0644));
    RETURN_IF_ERROR(SyncDirectory(KeysDir()));
    return pair.public_key();
  }

  Result<KeyPair> LoadKeyPair(std::string_view name) const override {
    RETURN_IF_ERROR(ValidateKeyName(name));
    ASSIGN_OR_RETURN(KeyPair pair, ReadSecret(name));
    ASSIGN_OR_RETURN(PublicKey registered, LoadPublicKey(name));
    if (registered != pair.public_key()) {
      return Status::FailedPrecondition(SecretPath(name) + ": expected the key registered in " +
                                        PublicPath(name) + "; found a different key");
    }
    return pair;
  }

  Result<PublicKey> LoadPublicKey(std::string_view name) const override {
    RETURN_IF_ERROR(ValidateKeyName(name));
    const std::string path = PublicPath(name);
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      return Status::NotFound(std::string(name) + " has no registered public key: expected " +
                              path);
    }
    ASSIGN_OR_RETURN(std::string hex, ReadFirstLine(path));
    PublicKey key;
    RETURN_IF_ERROR(DecodeHex(hex, key, path));
    return key;
  }

  Result<std::vector<std::string>> ListNames() const override {
    std::vector<std::string> names;
    DIR* dir = opendir(KeysDir().c_str());
    if (dir == nullptr) {
      if (errno == ENOENT) return names;
      return Status::IoError("cannot list " + Errno(KeysDir()));
    }
    constexpr std::string_view kSuffix = ".public";
    while (const dirent* e = readdir(dir)) {
      std::string_view file = e->d_name;
      if (file.size() > kSuffix.size() && file.ends_with(kSuffix)) {
        names.emplace_back(file.substr(0, file.size() - kSuffix.size()));
      }
    }
    closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  // The secret key of `name`, refused if others may read it.
  Result<KeyPair> ReadSecret(std::string_view name) const {
    const std::string path = SecretPath(name);
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      return Status::NotFound(std::string(name) + " has no secret key: expected " + path +
                              " (create it with: guarantor keys new --party " + std::string(name) +
                              ")");
    }
    if ((st.st_mode & 077) != 0) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      return Status::FailedPrecondition(path + ": expected permissions 0600; found " + mode +
                                        " (others may read the secret key)");
    }
    ASSIGN_OR_RETURN(std::string hex, ReadFirstLine(path));
    std::array<uint8_t, kSecretKeyBytes> secret;
    const Status decoded = DecodeHex(hex, secret, path);
    sodium_memzero(hex.data(), hex.size());
    RETURN_IF_ERROR(decoded);
    Result<KeyPair> pair = KeyPair::FromSecretKey(secret);
    sodium_memzero(secret.data(), secret.size());
    if (!pair.ok()) return Status::InvalidArgument(path + ": " + pair.status().message());
    return pair;
  }

  std::string KeysDir() const { return data_dir_ + "/keys"; }
  std::string SecretPath(std::string_view name) const {
    return KeysDir() + "/" + std::string(name) + ".secret";
  }
  std::string PublicPath(std::string_view name) const {
    return KeysDir() + "/" + std::string(name) + ".public";
  }

  std::string data_dir_;
};

class InMemoryKeyStore final : public KeyStore {
 public:
  Result<PublicKey> Create(std::string_view name) override {
    RETURN_IF_ERROR(ValidateKeyName(name));
    if (pairs_.count(std::string(name)) != 0) {
      return Status::FailedPrecondition(std::string(name) + " already has a key");
    }
    ASSIGN_OR_RETURN(KeyPair pair, KeyPair::Generate());
    const PublicKey public_key = pair.public_key();
    pairs_.emplace(std::string(name), std::move(pair));
    return public_key;
  }
  Result<KeyPair> LoadKeyPair(std::string_view name) const override {
    auto it = pairs_.find(std::string(name));
    if (it == pairs_.end()) return Status::NotFound(std::string(name) + " has no secret key");
    return it->second;
  }
  Result<PublicKey> LoadPublicKey(std::string_view name) const override {
    auto it = pairs_.find(std::string(name));
    if (it == pairs_.end()) {
      return Status::NotFound(std::string(name) + " has no registered public key");
    }
    return it->second.public_key();
  }
  Result<std::vector<std::string>> ListNames() const override {
    std::vector<std::string> names;
    for (const auto& [name, pair] : pairs_) names.push_back(name);
    return names;
  }

 private:
  std::map<std::string, KeyPair> pairs_;
};

}  // namespace

std::unique_ptr<KeyStore> NewFileKeyStore(std::string data_dir) {
  return std::make_unique<FileKeyStore>(std::move(data_dir));
}
std::unique_ptr<KeyStore> NewInMemoryKeyStore() { return std::make_unique<InMemoryKeyStore>(); }

}  // namespace guarantor::ledger
