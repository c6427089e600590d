// Email syntax tables.
#include "core/email/syntax.h"

#include <string>

#include <gtest/gtest.h>

namespace warden::core::email {
namespace {

bool Valid(std::string_view candidate, bool require_tld = true, bool allow_literal = false) {
  Address address;
  return ParseAddress(candidate, SyntaxOptions{require_tld, allow_literal}, &address);
}

TEST(EmailSyntaxTest, ValidAddresses) {
  for (std::string_view ok : {
           "user@example.com", "first.last@example.com", "x@a.co", "user+tag@example.com",
           "a!#$%&'*+-/=?^_`{|}~b@example.com", "user@sub-domain.example.co.uk",
           "USER@EXAMPLE.COM", "1234@example.com", "user@xn--bcher-kva.example",
           "user@123.example", "\"john doe\"@example.com", "\"a@b\"@example.com",
           "\"quote\\\"d\"@example.com", "\"\"@example.com"}) {
    EXPECT_TRUE(Valid(ok)) << ok;
  }
}

TEST(EmailSyntaxTest, InvalidAddresses) {
  for (std::string_view bad : {
           "", "plainaddress", "@example.com", "user@", "user@@example.com", "a@b@example.com",
           ".user@example.com", "user.@example.com", "us..er@example.com", "us er@example.com",
           "user@-example.com", "user@example-.com", "user@exa_mple.com", "user@example..com",
           "user@.example.com", "user@example.com.", "user@localhost", "user@1.2.3.4",
           "user(comment)@example.com", "\"unterminated@example.com", "\"a\"b@example.com",
           "\"bad\\\"@example.com", "us\xC3\xA9r@example.com", "user@ex\xC3\xA4mple.com",
           "user@[192.0.2.1]"}) {
    EXPECT_FALSE(Valid(bad)) << bad;
  }
}

TEST(EmailSyntaxTest, RequireTopLevelDomainOff) {
  EXPECT_TRUE(Valid("user@localhost", false));
  EXPECT_TRUE(Valid("user@1.2.3.4", false));
  EXPECT_FALSE(Valid("user@-x", false));
}

TEST(EmailSyntaxTest, LengthLimits) {
  const std::string local64(64, 'a');
  EXPECT_TRUE(Valid(local64 + "@example.com"));
  EXPECT_FALSE(Valid(local64 + "a@example.com"));
  const std::string label63(63, 'b');
  EXPECT_TRUE(Valid("u@" + label63 + ".com"));
  EXPECT_FALSE(Valid("u@" + label63 + "b.com"));
  // Domain of exactly 253 octets: 3 labels of 63 + 1 of 61, with dots.
  const std::string domain253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'c');
  ASSERT_EQ(domain253.size(), 253u);
  EXPECT_TRUE(IsHostname(domain253, true));
  EXPECT_FALSE(IsHostname(domain253 + "c", true));
  // Address limit 254: "u@" + 252 octets fits, "u@" + 253 does not, though both parts would.
  const std::string domain252 = domain253.substr(1);
  EXPECT_TRUE(Valid("u@" + domain252));
  EXPECT_FALSE(Valid("u@" + domain253));
}

TEST(EmailSyntaxTest, DomainLiterals) {
  for (std::string_view ok : {"user@[192.0.2.1]", "user@[0.0.0.0]", "user@[255.255.255.255]",
                              "user@[IPv6:2001:db8::1]", "user@[IPv6:::1]", "user@[ipv6:::]",
                              "user@[IPv6:2001:db8:0:0:0:0:0:1]", "user@[IPv6:::ffff:192.0.2.1]",
                              "user@[IPv6:1:2:3:4:5:6:192.0.2.1]", "user@[IPv6:1:2:3:4:5:6::]"}) {
    EXPECT_TRUE(Valid(ok, true, true)) << ok;
  }
  for (std::string_view bad :
       {"user@[256.0.0.1]", "user@[1.2.3]", "user@[01.2.3.4]", "user@[1.2.3.4.5]",
        "user@[IPv6:1:2:3:4:5:6:7]", "user@[IPv6:1:2:3:4:5:6:7:8:9]", "user@[IPv6:1::2::3]",
        "user@[IPv6:12345::]", "user@[IPv6:1:2:3:4:5:6:7::]", "user@[IPv6::1]",
        "user@[IPv6:192.0.2.1]", "user@[2001:db8::1]", "user@[tag:content]", "user@[]",
        "user@[192.0.2.1", "user@[IPv6:1:2:3:4:5::192.0.2.1]"}) {
    EXPECT_FALSE(Valid(bad, true, true)) << bad;
  }
}

TEST(EmailSyntaxTest, AddressViews) {
  Address a;
  ASSERT_TRUE(ParseAddress("\"x@y\"@Example.COM", SyntaxOptions{}, &a));
  EXPECT_EQ(a.local, "\"x@y\"");
  EXPECT_EQ(a.domain, "Example.COM");
  EXPECT_FALSE(a.domain_literal);
}

}  // namespace
}  // namespace warden::core::email
