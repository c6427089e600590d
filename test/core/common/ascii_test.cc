// Tests for core/common/ascii.h: the case-insensitive comparison at run time (8 bytes at a
// time) must agree with the byte-by-byte definition on every byte value, in every position.
#include "core/common/ascii.h"

#include <gtest/gtest.h>

#include <string>

namespace warden::core {
namespace {

// The reference: AsciiToLower byte by byte.
bool EqualsIgnoreCaseBytewise(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  }
  return true;
}

TEST(AsciiTest, ToLowerWordMatchesToLowerOnEveryByte) {
  for (int value = 0; value < 256; ++value) {
    for (int position = 0; position < 8; ++position) {
      // Neighbours that would expose a carry between bytes.
      const uint64_t neighbours = 0x7f7f7f7f7f7f7f7full & ~(0xffull << (8 * position));
      const uint64_t word = neighbours | (static_cast<uint64_t>(value) << (8 * position));
      const uint64_t lowered = AsciiToLowerWord(word);
      const char expected = AsciiToLower(static_cast<char>(value));
      EXPECT_EQ(static_cast<unsigned char>(lowered >> (8 * position)),
                static_cast<unsigned char>(expected))
          << "byte " << value << " at " << position;
      EXPECT_EQ(lowered & ~(0xffull << (8 * position)), neighbours) << "byte " << value;
    }
  }
}

TEST(AsciiTest, EqualsIgnoreCaseAgreesWithBytewiseForEveryBytePair) {
  // Every pair of byte values, in a long string's word part and in its tail.
  for (size_t position : {0u, 5u, 7u, 8u, 12u}) {
    for (int x = 0; x < 256; ++x) {
      for (int y = 0; y < 256; ++y) {
        std::string a = "User-Agent-Header";
        std::string b = "uSER-aGENT-hEADER";
        a[position] = static_cast<char>(x);
        b[position] = static_cast<char>(y);
        ASSERT_EQ(EqualsIgnoreCase(a, b), EqualsIgnoreCaseBytewise(a, b))
            << "bytes " << x << ", " << y << " at " << position;
      }
    }
  }
}

TEST(AsciiTest, EqualsIgnoreCaseExamples) {
  EXPECT_TRUE(EqualsIgnoreCase("user-agent", "USER-AGENT"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("user-agent", "user-agents"));
  EXPECT_FALSE(EqualsIgnoreCase("user@agent", "user`agent"));  // 0x40 vs 0x60: not letters
  EXPECT_FALSE(EqualsIgnoreCase("x-forwarded[for", "x-forwarded{for"));
  EXPECT_FALSE(EqualsIgnoreCase("user\ragent", "user-agent"));  // 0x0d | 0x20 == '-'
  EXPECT_FALSE(EqualsIgnoreCase("caf\xc3\x89-header", "caf\xc3\xa9-header"));  // non-ASCII kept
  static_assert(EqualsIgnoreCase("Accept-Language", "accept-language"));
}

}  // namespace
}  // namespace warden::core
