// Unit tests of the host-side witgen runtime helpers the generated wasm2c glue relies on for
// speed: the ASCII fast path of UTF-8 validation, Ctx::PutBytes, StoreBytesAt and LowerBytesTo
// (lowering into the reserved block without a call or a check per value), Ctx::Reserve, and
// Elide (building a lifted value in place).
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "witgen/abi.h"
#include "witgen/wasm2c_support.h"

namespace {

using witgen::IsAscii;
using witgen::IsValidUtf8;
using witgen::host::Ctx;

bool Valid(const std::string& s) {
  return IsValidUtf8(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST(Utf8Test, AsciiOfEveryLength) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string s(n, 'a');
    EXPECT_TRUE(IsAscii(reinterpret_cast<const uint8_t*>(s.data()), n)) << n;
    EXPECT_TRUE(Valid(s)) << n;
  }
}

TEST(Utf8Test, ANonAsciiByteAnywhereIsSeen) {
  for (size_t n = 1; n <= 40; ++n) {
    for (size_t at = 0; at < n; ++at) {
      std::string s(n, 'a');
      s[at] = '\x80';  // a lone continuation byte: invalid wherever it is
      EXPECT_FALSE(IsAscii(reinterpret_cast<const uint8_t*>(s.data()), n)) << n << " " << at;
      EXPECT_FALSE(Valid(s)) << n << " " << at;
    }
  }
}

TEST(Utf8Test, MultiByteCharsAnywhereAreChecked) {
  const std::string kChars[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
  for (const std::string& c : kChars) {
    for (size_t n = 0; n <= 24; ++n) {
      for (size_t at = 0; at <= n; ++at) {
        std::string s(n, 'x');
        s.insert(at, c);
        EXPECT_TRUE(Valid(s)) << n << " " << at;
        std::string cut = s.substr(0, at + c.size() - 1);  // the char truncated at the end
        EXPECT_FALSE(Valid(cut)) << n << " " << at;
      }
    }
  }
  EXPECT_FALSE(Valid(std::string(9, 'a') + "\xc0\xaf"));          // overlong
  EXPECT_FALSE(Valid(std::string(9, 'a') + "\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(Valid(std::string(9, 'a') + "\xf4\x90\x80\x80"));  // > U+10FFFF
}

// A guest memory of 256 bytes whose allocator hands out one fixed block.
class PutBytesTest : public ::testing::Test {
 protected:
  static constexpr uint32_t kBlock = 64;
  static wasm_rt_trap_t AllocAt(void* self, uint32_t, uint32_t size, uint32_t* out) {
    auto* t = static_cast<PutBytesTest*>(self);
    ++t->alloc_calls_;
    *out = t->alloc_calls_ == 1 ? kBlock : kBlock + 128;
    (void)size;
    return WASM_RT_TRAP_NONE;
  }
  void SetUp() override {
    std::memset(bytes_, 0xEE, sizeof bytes_);
    mem_.data = bytes_;
    mem_.pages = 1;
    mem_.max_pages = 1;
    mem_.size = sizeof bytes_;
  }
  uint8_t bytes_[256];
  wasm_rt_memory_t mem_{};
  int alloc_calls_ = 0;
};

TEST_F(PutBytesTest, CopiesEveryShortLengthExactly) {
  for (uint32_t n = 1; n <= 40; ++n) {
    SetUp();
    alloc_calls_ = 0;
    Ctx c(&mem_, &AllocAt, this);
    ASSERT_TRUE(c.Reserve(witgen::host::Round8(n)));
    std::string s;
    for (uint32_t i = 0; i < n; ++i) s.push_back(static_cast<char>('A' + i % 26));
    uint32_t ptr = 0, len = 0;
    ASSERT_TRUE(c.PutBytes(s.data(), s.size(), 1, &ptr, &len));
    EXPECT_EQ(ptr, kBlock);
    EXPECT_EQ(len, n);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(bytes_ + ptr), n), s) << n;
    EXPECT_EQ(bytes_[ptr + n], 0xEE) << n;  // nothing past the string is written
    EXPECT_EQ(bytes_[ptr - 1], 0xEE) << n;
    EXPECT_EQ(alloc_calls_, 1);  // only Reserve called the guest
  }
}

TEST_F(PutBytesTest, EmptyTakesNothingAndOverflowAllocates) {
  Ctx c(&mem_, &AllocAt, this);
  ASSERT_TRUE(c.Reserve(8));
  uint32_t ptr = 7, len = 7;
  ASSERT_TRUE(c.PutBytes("", 0, 1, &ptr, &len));
  EXPECT_EQ(ptr, 0u);
  EXPECT_EQ(len, 0u);
  ASSERT_TRUE(c.PutBytes("12345678", 8, 1, &ptr, &len));  // fills the block
  EXPECT_EQ(ptr, kBlock);
  ASSERT_TRUE(c.PutBytes("abc", 3, 1, &ptr, &len));  // does not fit: its own allocation
  EXPECT_EQ(ptr, kBlock + 128);
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(std::memcmp(bytes_ + ptr, "abc", 3), 0);
  EXPECT_EQ(alloc_calls_, 2);
  EXPECT_FALSE(c.failed());
}

TEST_F(PutBytesTest, StoreBytesAtWritesThePairInPlace) {
  Ctx c(&mem_, &AllocAt, this);
  ASSERT_TRUE(c.Reserve(8));
  ASSERT_TRUE(c.StoreBytesAt(0, "", 0, 1));  // empty: (0, 0), nothing taken
  EXPECT_EQ(witgen::LoadScalar<uint32_t>(bytes_ + 0), 0u);
  EXPECT_EQ(witgen::LoadScalar<uint32_t>(bytes_ + 4), 0u);
  ASSERT_TRUE(c.StoreBytesAt(8, "hello", 5, 1));  // from the block
  EXPECT_EQ(witgen::LoadScalar<uint32_t>(bytes_ + 8), kBlock);
  EXPECT_EQ(witgen::LoadScalar<uint32_t>(bytes_ + 12), 5u);
  EXPECT_EQ(std::memcmp(bytes_ + kBlock, "hello", 5), 0);
  ASSERT_TRUE(c.StoreBytesAt(16, "abc", 3, 1));  // the block is used up: its own allocation
  EXPECT_EQ(witgen::LoadScalar<uint32_t>(bytes_ + 16), kBlock + 128);
  EXPECT_EQ(witgen::LoadScalar<uint32_t>(bytes_ + 20), 3u);
  EXPECT_EQ(std::memcmp(bytes_ + kBlock + 128, "abc", 3), 0);
  EXPECT_EQ(alloc_calls_, 2);
  EXPECT_FALSE(c.failed());
}

TEST_F(PutBytesTest, LowerBytesToFillsTwoCells) {
  Ctx c(&mem_, &AllocAt, this);
  ASSERT_TRUE(c.Reserve(8));
  uint64_t cells[2] = {7, 7};
  ASSERT_TRUE(c.LowerBytesTo(cells, "", 0, 1));
  EXPECT_EQ(cells[0], 0u);
  EXPECT_EQ(cells[1], 0u);
  ASSERT_TRUE(c.LowerBytesTo(cells, "xyz", 3, 1));
  EXPECT_EQ(cells[0], kBlock);
  EXPECT_EQ(cells[1], 3u);
  EXPECT_EQ(std::memcmp(bytes_ + kBlock, "xyz", 3), 0);
  ASSERT_TRUE(c.LowerBytesTo(cells, "12345", 5, 1));  // past the block
  EXPECT_EQ(cells[0], kBlock + 128);
  EXPECT_EQ(cells[1], 5u);
  EXPECT_FALSE(c.failed());
}

// An allocator that traps, or answers an address outside memory.
wasm_rt_trap_t AllocTraps(void*, uint32_t, uint32_t, uint32_t*) { return WASM_RT_TRAP_OOB; }
wasm_rt_trap_t AllocOutside(void*, uint32_t, uint32_t, uint32_t* out) {
  *out = 250;  // 250 + 16 > 256
  return WASM_RT_TRAP_NONE;
}

TEST_F(PutBytesTest, ReserveReportsTrapsBadAddressesAndHugeSizes) {
  Ctx trapped(&mem_, &AllocTraps, this);
  EXPECT_FALSE(trapped.Reserve(16));
  EXPECT_EQ(trapped.trap(), WASM_RT_TRAP_OOB);
  Ctx outside(&mem_, &AllocOutside, this);
  EXPECT_FALSE(outside.Reserve(16));
  EXPECT_TRUE(outside.failed());
  EXPECT_EQ(outside.trap(), WASM_RT_TRAP_NONE);
  Ctx huge(&mem_, &AllocAt, this);
  EXPECT_FALSE(huge.Reserve(uint64_t{1} << 32));
  EXPECT_TRUE(huge.failed());
  EXPECT_EQ(alloc_calls_, 0);
  Ctx none(&mem_, &AllocAt, this);
  EXPECT_TRUE(none.Reserve(0));  // nothing to reserve: no guest call
  EXPECT_EQ(alloc_calls_, 0);
}

// Counts moves, to show Elide builds the value where the optional keeps it.
struct Counted {
  explicit Counted(int v) : value(v) {}
  Counted(Counted&& o) noexcept : value(o.value) { ++moves; }
  Counted& operator=(Counted&&) = delete;
  int value;
  static inline int moves = 0;
};

TEST(ElideTest, BuildsInPlace) {
  Counted::moves = 0;
  std::optional<Counted> o(std::in_place, witgen::host::Elide{[] { return Counted(5); }});
  EXPECT_EQ(o->value, 5);
  EXPECT_EQ(Counted::moves, 0);
}

}  // namespace
