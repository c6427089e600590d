// Tests of IpAddress, IpPrefix and IpRangeList (include/warden/bot_verifier.h).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "warden/bot_verifier.h"

namespace warden {
namespace {

IpAddress Ip(const char* text) {
  Result<IpAddress> ip = IpAddress::Parse(text);
  EXPECT_TRUE(ip.ok()) << text;
  return ip.ok() ? *ip : IpAddress{};
}

TEST(IpAddressTest, ParsesBothFamiliesAndMapsV4InV6) {
  EXPECT_TRUE(Ip("192.0.2.1").v4);
  EXPECT_FALSE(Ip("2001:db8::1").v4);
  EXPECT_EQ(Ip("::ffff:192.0.2.1"), Ip("192.0.2.1"));
  for (const char* bad : {"", " 192.0.2.1", "192.0.2.1 ", "192.0.2", "192.0.2.256", "[::1]",
                          "fe80::1%eth0", "1.2.3.4:80", "01.2.3.4x"}) {
    EXPECT_EQ(IpAddress::Parse(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_FALSE(IpAddress::Parse(std::string("1.2.3.4\0", 8)).ok());
}

TEST(IpPrefixTest, ContainsHonoursPrefixBits) {
  IpPrefix p = *IpPrefix::Parse("66.249.64.0/19");
  EXPECT_TRUE(p.Contains(Ip("66.249.64.1")));
  EXPECT_TRUE(p.Contains(Ip("66.249.95.255")));
  EXPECT_FALSE(p.Contains(Ip("66.249.96.0")));
  EXPECT_FALSE(p.Contains(Ip("2001:4860:4801::1")));  // other family
  IpPrefix v6 = *IpPrefix::Parse("2001:4860:4801:10::/64");
  EXPECT_TRUE(v6.Contains(Ip("2001:4860:4801:10::abcd")));
  EXPECT_FALSE(v6.Contains(Ip("2001:4860:4801:11::1")));
  EXPECT_TRUE(IpPrefix::Parse("0.0.0.0/0")->Contains(Ip("203.0.113.9")));
  EXPECT_TRUE(IpPrefix::Parse("::/0")->Contains(Ip("2001:db8::9")));
}

TEST(IpPrefixTest, BareAddressIsHostRouteAndHostBitsAreCleared) {
  IpPrefix host = *IpPrefix::Parse("192.0.2.7");
  EXPECT_EQ(host.length, 32);
  EXPECT_TRUE(host.Contains(Ip("192.0.2.7")));
  EXPECT_FALSE(host.Contains(Ip("192.0.2.8")));
  IpPrefix sloppy = *IpPrefix::Parse("192.0.2.77/24");
  EXPECT_EQ(sloppy.network, Ip("192.0.2.0"));
  EXPECT_TRUE(sloppy.Contains(Ip("192.0.2.200")));
  IpPrefix mapped = *IpPrefix::Parse("::ffff:192.0.2.0/120");
  EXPECT_EQ(mapped.length, 24);
  EXPECT_TRUE(mapped.Contains(Ip("192.0.2.9")));
}

TEST(IpPrefixTest, RejectsBadPrefixes) {
  for (const char* bad : {"192.0.2.0/33", "192.0.2.0/-1", "192.0.2.0/", "192.0.2.0/8x",
                          "2001:db8::/129", "x/8", "/8", "192.0.2.0/24/1", "::ffff:1.2.3.4/95"}) {
    EXPECT_EQ(IpPrefix::Parse(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(IpRangeListTest, ParsesKeysCommentsSeparatorsAndCrlf) {
  auto list = IpRangeList::Parse(
      "# OpenAI GPTBot\r\n"
      "OPENAI_CRAWLER 192.0.2.0/28, 198.51.100.0/24\r\n"
      "\n"
      "   \t# indented comment\n"
      "openai\t2001:db8:1::/48  # trailing comment\n"
      "OPENAI_CRAWLER 203.0.113.5");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->size(), 4u);
  EXPECT_TRUE(list->Has("OPENAI_CRAWLER"));
  EXPECT_TRUE(list->Has("openai"));
  EXPECT_FALSE(list->Has("GOOGLE_CRAWLER"));
  EXPECT_TRUE(list->Contains("OPENAI_CRAWLER", Ip("192.0.2.15")));
  EXPECT_FALSE(list->Contains("OPENAI_CRAWLER", Ip("192.0.2.16")));
  EXPECT_TRUE(list->Contains("OPENAI_CRAWLER", Ip("203.0.113.5")));
  EXPECT_TRUE(list->Contains("openai", Ip("2001:db8:1:2::3")));
  EXPECT_FALSE(list->Contains("openai", Ip("192.0.2.1")));
}

TEST(IpRangeListTest, EmptyTextIsAnEmptyList) {
  auto list = IpRangeList::Parse("\n# nothing\n\n");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 0u);
}

TEST(IpRangeListTest, BadLinesAreNamed) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"OPENAI_CRAWLER 192.0.2.0/24\nOPENAI_CRAWLER 192.0.2.0/33\n", "ranges.txt:2: "},
      {"\n\nopenai 192.0.2.0/24\nnot-an-operator 192.0.2.0/24", "ranges.txt:4: "},
      {"GOOGLE_CRAWLER\n", "ranges.txt:1: no IP range"},
      {"google 192.0.2.0/24 nonsense\n", "ranges.txt:1: not an IP address"},
      {"Googlebot 192.0.2.0/24\n", "ranges.txt:1: \"Googlebot\" is neither"},
  };
  for (const Case& c : cases) {
    auto list = IpRangeList::Parse(c.text, "ranges.txt");
    ASSERT_FALSE(list.ok()) << c.text;
    EXPECT_EQ(list.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(list.status().message().rfind(c.message, 0), 0u) << list.status().message();
  }
}

TEST(IpRangeListTest, LoadsAFileAndNamesItInErrors) {
  std::string path = ::testing::TempDir() + "/warden_ranges_test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "# test list\nbing 192.0.2.0/24\nBING_CRAWLER 2001:db8::/32\n";
  }
  auto list = IpRangeList::LoadFile(path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_TRUE(list->Contains("bing", Ip("192.0.2.33")));
  EXPECT_TRUE(list->Contains("BING_CRAWLER", Ip("2001:db8::33")));
  {
    std::ofstream out(path, std::ios::binary);
    out << "bing 192.0.2.0/24\nbing 192.0.2.0/99\n";
  }
  Status bad = IpRangeList::LoadFile(path).status();
  EXPECT_EQ(bad.message().rfind(path + ":2: ", 0), 0u) << bad.message();
  std::remove(path.c_str());
  EXPECT_EQ(IpRangeList::LoadFile(path).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace warden
