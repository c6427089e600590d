// warden::core::Sha256 — SHA-256 (FIPS 180-4), incremental, allocation-free.
//
// Our own implementation so the core stays dependency-free on every target. Not constant-time
// with respect to anything secret: the fingerprint hashes request attributes, not keys.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace warden::core {

class Sha256 {
 public:
  static constexpr size_t kDigestSize = 32;
  using Digest = std::array<uint8_t, kDigestSize>;

  Sha256() { Reset(); }

  // Starts a new message.
  void Reset();
  // Appends `data` to the message.
  void Update(const void* data, size_t size);
  void Update(std::string_view data) { Update(data.data(), data.size()); }
  // Appends `data` with ASCII upper-case letters lower-cased.
  void UpdateLowerAscii(std::string_view data);
  // Pads, finishes the message and returns its digest. Afterwards call Reset() before reuse.
  Digest Finish();

  // Writes the 64 lower-case hex digits of `digest` to `out` (which must hold 64 chars).
  static void ToHex(const Digest& digest, char* out);

 private:
  void Compress(const uint8_t* block);

  uint32_t state_[8];
  uint64_t length_bytes_;
  uint8_t buffer_[64];
  size_t buffered_;
};

}  // namespace warden::core
