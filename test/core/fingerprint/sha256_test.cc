// SHA-256 against the FIPS 180-4 / NIST CAVP example vectors.
#include "core/fingerprint/sha256.h"

#include <string>

#include <gtest/gtest.h>

namespace warden::core {
namespace {

std::string Hex(const Sha256::Digest& d) {
  std::string out(64, '\0');
  Sha256::ToHex(d, out.data());
  return out;
}

std::string HashOf(std::string_view data) {
  Sha256 sha;
  sha.Update(data);
  return Hex(sha.Finish());
}

TEST(Sha256Test, EmptyMessage) {
  EXPECT_EQ(HashOf(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, Abc) {
  EXPECT_EQ(HashOf("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, TwoBlockMessage) {
  EXPECT_EQ(HashOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, LongMessage) {
  EXPECT_EQ(HashOf("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                   "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256Test, OneMillionAsInPieces) {
  Sha256 sha;
  const std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) sha.Update(chunk);
  EXPECT_EQ(Hex(sha.Finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, SplitUpdatesMatchOneUpdate) {
  const std::string message(200, 'x');
  for (size_t split = 0; split <= message.size(); split += 7) {
    Sha256 sha;
    sha.Update(std::string_view(message).substr(0, split));
    sha.Update(std::string_view(message).substr(split));
    EXPECT_EQ(Hex(sha.Finish()), HashOf(message)) << split;
  }
}

TEST(Sha256Test, PaddingBoundaries) {
  // 55, 56 and 64 bytes straddle the one/two-block padding boundary.
  EXPECT_EQ(HashOf(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(HashOf(std::string(56, 'a')),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(HashOf(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256Test, UpdateLowerAsciiLowercases) {
  Sha256 sha;
  sha.UpdateLowerAscii("ABC");
  EXPECT_EQ(Hex(sha.Finish()), HashOf("abc"));
}

}  // namespace
}  // namespace warden::core
