// Characteristic syntax and canonical ordering.
#include "core/fingerprint/characteristic.h"

#include <gtest/gtest.h>

namespace warden::core::fingerprint {
namespace {

Characteristic Parse(std::string_view text) {
  ErrorOr<Characteristic> c = ParseCharacteristic(text);
  EXPECT_TRUE(c.ok()) << text;
  return c.ok() ? c.value() : Characteristic{};
}

TEST(CharacteristicTest, WellKnownKeys) {
  EXPECT_EQ(Parse("ip.src").kind, Kind::kIp);
  EXPECT_EQ(Parse("http.host").kind, Kind::kHost);
  EXPECT_EQ(Parse("http.method").kind, Kind::kMethod);
  EXPECT_EQ(Parse("http.request.uri.path").kind, Kind::kPath);
}

TEST(CharacteristicTest, BracketedNames) {
  Characteristic h = Parse("http.request.headers[\"X-Api-Key\"]");
  EXPECT_EQ(h.kind, Kind::kHeader);
  EXPECT_EQ(h.name, "X-Api-Key");
  EXPECT_EQ(Parse("http.request.cookie[\"sid\"]").name, "sid");
  EXPECT_EQ(Parse("http.request.uri.args[\"a b[]\"]").name, "a b[]");
}

TEST(CharacteristicTest, AnythingElseIsUserDefined) {
  for (std::string_view key : {"userId", "IP.SRC", "http.request.headers", "ip.src ", "x[\"y\"]"}) {
    Characteristic c = Parse(key);
    EXPECT_EQ(c.kind, Kind::kUserDefined) << key;
    EXPECT_EQ(c.name, key);
  }
}

TEST(CharacteristicTest, Malformed) {
  for (std::string_view bad :
       {"", "http.request.headers[", "http.request.headers[]", "http.request.headers[\"\"]",
        "http.request.headers['a']", "http.request.headers[\"a\"] ", "http.request.cookie[\"a",
        "http.request.uri.args[\"a\"\"]"}) {
    ErrorOr<Characteristic> c = ParseCharacteristic(bad);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.error().kind, ErrorKind::kInvalidInput);
  }
}

TEST(CharacteristicTest, Ordering) {
  EXPECT_LT(CompareCharacteristics(Parse("ip.src"), Parse("http.host")), 0);
  EXPECT_LT(CompareCharacteristics(Parse("http.request.uri.path"),
                                   Parse("http.request.headers[\"a\"]")), 0);
  EXPECT_LT(CompareCharacteristics(Parse("http.request.headers[\"B\"]"),
                                   Parse("http.request.headers[\"c\"]")), 0);
  EXPECT_EQ(CompareCharacteristics(Parse("http.request.headers[\"Accept\"]"),
                                   Parse("http.request.headers[\"accept\"]")), 0);
  EXPECT_NE(CompareCharacteristics(Parse("http.request.cookie[\"A\"]"),
                                   Parse("http.request.cookie[\"a\"]")), 0);
  EXPECT_LT(CompareCharacteristics(Parse("http.request.uri.args[\"z\"]"), Parse("a")), 0);
}

}  // namespace
}  // namespace warden::core::fingerprint
