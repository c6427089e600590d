// Fingerprint facts: each characteristic's part, canonical order, dedupe, errors.
#include "core/fingerprint/fingerprint.h"

#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/fingerprint/sha256.h"

namespace warden::core::fingerprint {
namespace {

// "fp::2::" + hex SHA-256 of the concatenated parts (the reference the facts describe).
std::string Expected(std::initializer_list<std::string_view> parts) {
  Sha256 sha;
  for (std::string_view p : parts) sha.Update(p);
  std::string hex(64, '\0');
  Sha256::ToHex(sha.Finish(), hex.data());
  return "fp::2::" + hex;
}

class FingerprintTest : public ::testing::Test {
 protected:
  FingerprintTest() {
    request_.ip = "192.0.2.1";
    request_.method = "GET";
    request_.protocol = "HTTP/1.1";
    request_.host = "example.com";
    request_.path = "/login";
    request_.headers = headers_;
    request_.cookies = "session=abc; theme=\"dark\"";
    request_.query = "?q=hello+world&lang=en&q=second";
    request_.extra = extra_;
  }

  std::string Ok(std::initializer_list<std::string_view> characteristics) {
    const std::vector<std::string_view> c(characteristics);
    ErrorOr<std::string> fp = Generate(request_, c);
    EXPECT_TRUE(fp.ok()) << (fp.ok() ? "" : fp.error().detail);
    return fp.ok() ? fp.value() : "";
  }

  Error Err(std::initializer_list<std::string_view> characteristics) {
    const std::vector<std::string_view> c(characteristics);
    ErrorOr<std::string> fp = Generate(request_, c);
    EXPECT_FALSE(fp.ok());
    return fp.ok() ? Error{ErrorKind::kInternal, "unexpectedly ok"} : fp.error();
  }

  const Field headers_[3] = {{"User-Agent", "curl/8.0"}, {"Accept", "text/html"},
                             {"X-Forwarded-For", ""}};
  const Field extra_[2] = {{"userId", "u-42"}, {"plan", "pro"}};
  HttpRequest request_;
};

TEST_F(FingerprintTest, KnownValue) {
  // Computed independently: printf 'ip192.0.2.1' | sha256sum
  EXPECT_EQ(Ok({"ip.src"}),
            "fp::2::1fdb3adc9741b31a56fcc1d487783352db73ca82a1657c4b8067b9af9881c0ef");
}

TEST_F(FingerprintTest, EmptyListMeansIpSrc) {
  EXPECT_EQ(Ok({}), Expected({"ip", "192.0.2.1"}));
}

TEST_F(FingerprintTest, EachCharacteristic) {
  EXPECT_EQ(Ok({"http.host"}), Expected({"host", "example.com"}));
  EXPECT_EQ(Ok({"http.method"}), Expected({"method", "GET"}));
  EXPECT_EQ(Ok({"http.request.uri.path"}), Expected({"path", "/login"}));
  EXPECT_EQ(Ok({"http.request.headers[\"user-agent\"]"}),
            Expected({"header", "user-agent", "curl/8.0"}));
  EXPECT_EQ(Ok({"http.request.cookie[\"session\"]"}), Expected({"cookie", "session", "abc"}));
  EXPECT_EQ(Ok({"http.request.cookie[\"theme\"]"}), Expected({"cookie", "theme", "dark"}));
  EXPECT_EQ(Ok({"http.request.uri.args[\"q\"]"}), Expected({"query", "q", "hello world"}));
  EXPECT_EQ(Ok({"userId"}), Expected({"userdefined", "userId", "u-42"}));
}

TEST_F(FingerprintTest, HeaderNameMatchesCaseInsensitivelyAndIsLowercasedInThePart) {
  const std::string expected = Expected({"header", "user-agent", "curl/8.0"});
  EXPECT_EQ(Ok({"http.request.headers[\"User-Agent\"]"}), expected);
  EXPECT_EQ(Ok({"http.request.headers[\"USER-AGENT\"]"}), expected);
}

TEST_F(FingerprintTest, CanonicalOrderWhateverTheCallerOrder) {
  const std::string expected =
      Expected({"ip", "192.0.2.1", "host", "example.com", "method", "GET", "path", "/login",
                "header", "accept", "text/html", "header", "user-agent", "curl/8.0", "cookie",
                "session", "abc", "query", "lang", "en", "query", "q", "hello world",
                "userdefined", "plan", "pro", "userdefined", "userId", "u-42"});
  EXPECT_EQ(Ok({"userId", "plan", "http.request.uri.args[\"q\"]", "http.request.uri.args[\"lang\"]",
                "http.request.cookie[\"session\"]", "http.request.headers[\"user-agent\"]",
                "http.request.headers[\"accept\"]", "http.request.uri.path", "http.method",
                "http.host", "ip.src"}),
            expected);
  EXPECT_EQ(Ok({"ip.src", "http.host", "http.method", "http.request.uri.path",
                "http.request.headers[\"Accept\"]", "http.request.headers[\"user-agent\"]",
                "http.request.cookie[\"session\"]", "http.request.uri.args[\"lang\"]",
                "http.request.uri.args[\"q\"]", "plan", "userId"}),
            expected);
}

TEST_F(FingerprintTest, DuplicatesCountOnce) {
  EXPECT_EQ(Ok({"ip.src", "ip.src"}), Ok({"ip.src"}));
  EXPECT_EQ(Ok({"http.request.headers[\"Accept\"]", "http.request.headers[\"accept\"]"}),
            Expected({"header", "accept", "text/html"}));
}

TEST_F(FingerprintTest, MissingOrEmptyValueNamesTheCharacteristicAsGiven) {
  const Error missing_header = Err({"ip.src", "http.request.headers[\"X-Missing\"]"});
  EXPECT_EQ(missing_header.kind, ErrorKind::kMissingCharacteristic);
  EXPECT_EQ(missing_header.detail, "http.request.headers[\"X-Missing\"]");
  EXPECT_EQ(Err({"http.request.headers[\"X-Forwarded-For\"]"}).detail,
            "http.request.headers[\"X-Forwarded-For\"]");
  EXPECT_EQ(Err({"http.request.cookie[\"nope\"]"}).kind, ErrorKind::kMissingCharacteristic);
  EXPECT_EQ(Err({"http.request.uri.args[\"nope\"]"}).kind, ErrorKind::kMissingCharacteristic);
  EXPECT_EQ(Err({"nope"}).detail, "nope");
  request_.ip = "";
  EXPECT_EQ(Err({}).detail, "ip.src");
}

TEST_F(FingerprintTest, FirstMissingInCanonicalOrderIsReported) {
  EXPECT_EQ(Err({"zzz", "http.request.cookie[\"nope\"]"}).detail, "http.request.cookie[\"nope\"]");
}

TEST_F(FingerprintTest, MalformedCharacteristicIsInvalidInput) {
  for (std::string_view bad : {"http.request.headers[", "http.request.headers[\"\"]",
                               "http.request.headers[\"a\"", "http.request.headers[a]",
                               "http.request.cookie[\"a\"b\"]", "http.request.uri.args[\"a\"]x",
                               ""}) {
    const Error e = Err({"ip.src", bad});
    EXPECT_EQ(e.kind, ErrorKind::kInvalidInput) << bad;
  }
}

TEST_F(FingerprintTest, RepeatedHeaderValuesAreJoined) {
  const Field headers[] = {{"Accept", "a"}, {"accept", "b"}};
  request_.headers = headers;
  EXPECT_EQ(Ok({"http.request.headers[\"accept\"]"}), Expected({"header", "accept", "a, b"}));
}

}  // namespace
}  // namespace warden::core::fingerprint
