// SHA-256 per FIPS 180-4 §6.2 (see sha256.h).
#include "core/fingerprint/sha256.h"

#include <cstring>

#include "core/common/ascii.h"

namespace warden::core {
namespace {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
// 64 primes.
constexpr uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

// FIPS 180-4 §5.3.3: the initial hash value.
constexpr uint32_t kInitial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

void Sha256::Reset() {
  std::memcpy(state_, kInitial, sizeof(state_));
  length_bytes_ = 0;
  buffered_ = 0;
}

// The loops are unrolled fully so that every index into `w` is a constant and the compiler
// keeps the schedule in registers: in the wasm32 sandbox a stack array lives in linear memory,
// where every access is bounds-checked (a few hundred checks per block otherwise).
void Sha256::Compress(const uint8_t* block) {
  uint32_t w[64];
#pragma clang loop unroll(full)
  for (int t = 0; t < 16; ++t) {
    w[t] = (uint32_t{block[4 * t]} << 24) | (uint32_t{block[4 * t + 1]} << 16) |
           (uint32_t{block[4 * t + 2]} << 8) | uint32_t{block[4 * t + 3]};
  }
#pragma clang loop unroll(full)
  for (int t = 16; t < 64; ++t) {
    const uint32_t s0 = Rotr(w[t - 15], 7) ^ Rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const uint32_t s1 = Rotr(w[t - 2], 17) ^ Rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
  uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
#pragma clang loop unroll(full)
  for (int t = 0; t < 64; ++t) {
    const uint32_t big_s1 = Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);
    const uint32_t ch = (e & f) ^ (~e & g);
    const uint32_t t1 = h + big_s1 + ch + kRound[t] + w[t];
    const uint32_t big_s0 = Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);
    const uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    const uint32_t t2 = big_s0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
  state_[5] += f;
  state_[6] += g;
  state_[7] += h;
}

void Sha256::Update(const void* data, size_t size) {
  if (size == 0) return;  // `data` may then be null, which memcpy must not see
  const uint8_t* p = static_cast<const uint8_t*>(data);
  length_bytes_ += size;
  if (buffered_ > 0) {
    const size_t take = size < 64 - buffered_ ? size : 64 - buffered_;
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    size -= take;
    if (buffered_ < 64) return;
    Compress(buffer_);
    buffered_ = 0;
  }
  for (; size >= 64; p += 64, size -= 64) Compress(p);
  if (size > 0) {
    std::memcpy(buffer_, p, size);
    buffered_ = size;
  }
}

void Sha256::UpdateLowerAscii(std::string_view data) {
  char chunk[64];
  while (!data.empty()) {
    const size_t n = data.size() < sizeof(chunk) ? data.size() : sizeof(chunk);
    for (size_t i = 0; i < n; ++i) chunk[i] = AsciiToLower(data[i]);
    Update(chunk, n);
    data.remove_prefix(n);
  }
}

Sha256::Digest Sha256::Finish() {
  const uint64_t bit_length = length_bytes_ * 8;
  static constexpr uint8_t kPad[64] = {0x80};
  const size_t pad = buffered_ < 56 ? 56 - buffered_ : 120 - buffered_;
  Update(kPad, pad);
  uint8_t length_be[8];
  for (int i = 0; i < 8; ++i) length_be[i] = static_cast<uint8_t>(bit_length >> (56 - 8 * i));
  Update(length_be, 8);
  Digest digest;
  for (int i = 0; i < 8; ++i) {
    digest[4 * i] = static_cast<uint8_t>(state_[i] >> 24);
    digest[4 * i + 1] = static_cast<uint8_t>(state_[i] >> 16);
    digest[4 * i + 2] = static_cast<uint8_t>(state_[i] >> 8);
    digest[4 * i + 3] = static_cast<uint8_t>(state_[i]);
  }
  return digest;
}

void Sha256::ToHex(const Digest& digest, char* out) {
  // Eight digits per step, built in a register and stored at once: in the wasm32 sandbox every
  // store to linear memory is bounds-checked, so 8 wide stores beat 64 byte stores.
  for (size_t i = 0; i < digest.size(); i += 4) {
    const uint32_t word = (uint32_t{digest[i]} << 24) | (uint32_t{digest[i + 1]} << 16) |
                          (uint32_t{digest[i + 2]} << 8) | uint32_t{digest[i + 3]};
    uint64_t nibbles = 0;  // byte k holds the k-th most significant nibble of `word`
    for (int k = 0; k < 8; ++k) nibbles |= uint64_t{(word >> (28 - 4 * k)) & 0xf} << (8 * k);
    // Per byte: '0' + n, plus 'a' - '0' - 10 = 39 when n > 9 (n + 6 then carries into bit 4).
    const uint64_t above9 = ((nibbles + 0x0606060606060606) >> 4) & 0x0101010101010101;
    const uint64_t digits = nibbles + 0x3030303030303030 + above9 * 39;
    uint8_t bytes[8];
    for (int k = 0; k < 8; ++k) bytes[k] = static_cast<uint8_t>(digits >> (8 * k));
    std::memcpy(out + 2 * i, bytes, sizeof(bytes));
  }
}

}  // namespace warden::core
