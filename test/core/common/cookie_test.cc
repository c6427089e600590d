// Cookie header parsing decisions.
#include "core/common/cookie.h"

#include <gtest/gtest.h>

namespace warden::core {
namespace {

std::string Get(std::string_view raw, std::string_view name) {
  std::string_view value;
  if (!FindCookie(raw, name, &value)) return "<absent>";
  return std::string(value);
}

TEST(CookieTest, Basics) {
  EXPECT_EQ(Get("a=1; b=2", "a"), "1");
  EXPECT_EQ(Get("a=1; b=2", "b"), "2");
  EXPECT_EQ(Get("a=1;b=2", "b"), "2");
  EXPECT_EQ(Get("a=1; b=2", "c"), "<absent>");
  EXPECT_EQ(Get("", "a"), "<absent>");
}

TEST(CookieTest, FirstOccurrenceWins) { EXPECT_EQ(Get("a=1; a=2", "a"), "1"); }

TEST(CookieTest, NamesAreCaseSensitive) { EXPECT_EQ(Get("A=1", "a"), "<absent>"); }

TEST(CookieTest, WhitespaceAroundNamesAndValuesIgnored) {
  EXPECT_EQ(Get("  a \t=  1 2 ;b=2", "a"), "1 2");
}

TEST(CookieTest, QuotesStrippedOnce) {
  EXPECT_EQ(Get("a=\"x y\"", "a"), "x y");
  EXPECT_EQ(Get("a=\"\"x\"\"", "a"), "\"x\"");
  EXPECT_EQ(Get("a=\"", "a"), "\"");
}

TEST(CookieTest, ValueMayContainEqualsAndIsNotDecoded) {
  EXPECT_EQ(Get("t=a=b%20c", "t"), "a=b%20c");
}

TEST(CookieTest, PairsWithoutEqualsAreSkipped) {
  EXPECT_EQ(Get("flag; a=1", "a"), "1");
  EXPECT_EQ(Get("flag; a=1", "flag"), "<absent>");
}

TEST(CookieTest, EmptyValueIsPresent) { EXPECT_EQ(Get("a=; b=2", "a"), ""); }

}  // namespace
}  // namespace warden::core
