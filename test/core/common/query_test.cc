// Query-string decoding like URLSearchParams.
#include "core/common/query.h"

#include <gtest/gtest.h>

namespace warden::core {
namespace {

std::string Get(std::string_view raw, std::string_view name) {
  std::string value;
  if (!FindQueryArg(raw, name, &value)) return "<absent>";
  return value;
}

std::string Decoded(std::string_view text) {
  std::string out;
  AppendFormDecoded(text, &out);
  return out;
}

TEST(QueryTest, Basics) {
  EXPECT_EQ(Get("?a=1&b=2", "a"), "1");
  EXPECT_EQ(Get("a=1&b=2", "b"), "2");
  EXPECT_EQ(Get("a=1&b=2", "c"), "<absent>");
  EXPECT_EQ(Get("", "a"), "<absent>");
  EXPECT_EQ(Get("?", "a"), "<absent>");
}

TEST(QueryTest, OnlyOneLeadingQuestionMarkIsIgnored) {
  EXPECT_EQ(Get("??a=1", "?a"), "1");
}

TEST(QueryTest, FirstOccurrenceWins) { EXPECT_EQ(Get("a=1&a=2", "a"), "1"); }

TEST(QueryTest, MissingEqualsMeansEmptyValue) {
  EXPECT_EQ(Get("flag&a=1", "flag"), "");
  EXPECT_EQ(Get("a=", "a"), "");
}

TEST(QueryTest, EmptyPairsSkipped) { EXPECT_EQ(Get("&&a=1&", "a"), "1"); }

TEST(QueryTest, NamesAreDecodedBeforeComparison) {
  EXPECT_EQ(Get("first+name=Ada&last%20name=Lovelace", "first name"), "Ada");
  EXPECT_EQ(Get("first+name=Ada&last%20name=Lovelace", "last name"), "Lovelace");
  EXPECT_EQ(Get("a%3Db=1", "a=b"), "1");
}

TEST(QueryTest, PlusAndPercentDecoding) {
  EXPECT_EQ(Decoded("a+b"), "a b");
  EXPECT_EQ(Decoded("%41%62"), "Ab");
  EXPECT_EQ(Decoded("%2B"), "+");
  EXPECT_EQ(Decoded("%e2%82%ac"), "\xE2\x82\xAC");
  EXPECT_EQ(Decoded("caf%C3%A9"), "caf\xC3\xA9");
}

TEST(QueryTest, MalformedPercentStaysLiteral) {
  EXPECT_EQ(Decoded("100%"), "100%");
  EXPECT_EQ(Decoded("%zz"), "%zz");
  EXPECT_EQ(Decoded("%4"), "%4");
  EXPECT_EQ(Decoded("%%41"), "%A");
}

TEST(QueryTest, InvalidUtf8BecomesReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(Decoded("%FF"), fffd);
  EXPECT_EQ(Decoded("a%C3"), "a" + fffd);
  EXPECT_EQ(Decoded("%C3%28"), fffd + "(");
  EXPECT_EQ(Decoded("%E2%82"), fffd);                // truncated sequence: one U+FFFD
  EXPECT_EQ(Decoded("%ED%A0%80"), fffd + fffd + fffd);  // surrogate: each byte replaced
  EXPECT_EQ(Decoded("%F0%9F%98%80"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Decoded("%C0%AF"), fffd + fffd);         // overlong
}

TEST(QueryTest, RawNonAsciiIsSanitizedToo) {
  EXPECT_EQ(Get("a=\xFF", "a"), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace warden::core
