// The MX reply parser (host/dns/mx_reply.h) on hand-built DNS messages: records and TTLs,
// null MX, compression, RFC 2308 negative TTLs from the SOA, failures and truncation.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dns/mx_reply.h"

namespace warden {
namespace {

using Bytes = std::vector<unsigned char>;

void Put16(Bytes* b, uint16_t v) {
  b->push_back(static_cast<unsigned char>(v >> 8));
  b->push_back(static_cast<unsigned char>(v));
}
void Put32(Bytes* b, uint32_t v) {
  Put16(b, static_cast<uint16_t>(v >> 16));
  Put16(b, static_cast<uint16_t>(v));
}
// Uncompressed wire form of a dotted name ("" is the root).
void PutName(Bytes* b, std::string_view name) {
  while (!name.empty()) {
    size_t dot = name.find('.');
    std::string_view label = name.substr(0, dot);
    b->push_back(static_cast<unsigned char>(label.size()));
    b->insert(b->end(), label.begin(), label.end());
    name = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  }
  b->push_back(0);
}

// A reply to "<qname> IN MX" with `rcode`; records appended with AddRr and counted by hand.
Bytes Header(int rcode, uint16_t ancount, uint16_t nscount, std::string_view qname) {
  Bytes b;
  Put16(&b, 0x1234);
  Put16(&b, static_cast<uint16_t>(0x8180 | rcode));
  Put16(&b, 1);
  Put16(&b, ancount);
  Put16(&b, nscount);
  Put16(&b, 0);
  PutName(&b, qname);
  Put16(&b, 15);
  Put16(&b, 1);
  return b;
}
void AddRr(Bytes* b, std::string_view owner, uint16_t type, uint32_t ttl, const Bytes& rdata) {
  PutName(b, owner);
  Put16(b, type);
  Put16(b, 1);
  Put32(b, ttl);
  Put16(b, static_cast<uint16_t>(rdata.size()));
  b->insert(b->end(), rdata.begin(), rdata.end());
}
Bytes MxData(uint16_t preference, std::string_view exchange) {
  Bytes d;
  Put16(&d, preference);
  PutName(&d, exchange);
  return d;
}
Bytes SoaData(uint32_t minimum) {
  Bytes d;
  PutName(&d, "ns.example.net");
  PutName(&d, "hostmaster.example.net");
  for (uint32_t v : {1u, 7200u, 3600u, 1209600u}) Put32(&d, v);
  Put32(&d, minimum);
  return d;
}

Result<MxAnswer> Parse(const Bytes& b) { return host::dns::ParseMxReply(b.data(), b.size()); }

TEST(MxReplyTest, RecordsWithTtls) {
  Bytes b = Header(0, 3, 0, "example.net");
  AddRr(&b, "example.net", 15, 300, MxData(10, "MX1.Example.NET"));
  AddRr(&b, "example.net", 5, 100, Bytes{0});  // a CNAME-typed record is skipped
  AddRr(&b, "example.net", 15, 600, MxData(20, "mx2.example.net"));
  Result<MxAnswer> r = Parse(b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->nxdomain);
  EXPECT_EQ(r->records, (std::vector<MxRecord>{{10, "mx1.example.net", 300},
                                               {20, "mx2.example.net", 600}}));
}

TEST(MxReplyTest, NullMxAndCompressedExchange) {
  Bytes b = Header(0, 2, 0, "example.net");
  AddRr(&b, "example.net", 15, 900, MxData(0, ""));
  Bytes compressed;
  Put16(&compressed, 5);
  compressed.push_back(3);
  compressed.insert(compressed.end(), {'m', 'x', '3'});
  Put16(&compressed, 0xc00c);  // pointer to the question's name
  AddRr(&b, "example.net", 15, 0x80000001u, compressed);  // top bit set: TTL 0
  Result<MxAnswer> r = Parse(b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->records, (std::vector<MxRecord>{{0, "", 900}, {5, "mx3.example.net", 0}}));
}

TEST(MxReplyTest, NegativeTtlFromSoa) {
  Bytes nx = Header(3, 0, 1, "gone.example.net");
  AddRr(&nx, "example.net", 6, 3600, SoaData(120));
  Result<MxAnswer> r = Parse(nx);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->nxdomain);
  EXPECT_TRUE(r->records.empty());
  EXPECT_EQ(r->negative_ttl, 120u);

  Bytes nodata = Header(0, 0, 1, "a.example.net");
  AddRr(&nodata, "example.net", 6, 30, SoaData(120));  // the SOA's own TTL is smaller
  r = Parse(nodata);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->nxdomain);
  EXPECT_EQ(r->negative_ttl, 30u);

  r = Parse(Header(3, 0, 0, "gone.example.net"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->nxdomain);
  EXPECT_FALSE(r->negative_ttl.has_value());
}

TEST(MxReplyTest, FailuresAndMalformedReplies) {
  EXPECT_EQ(Parse(Header(2, 0, 0, "example.net")).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(Parse(Header(5, 0, 0, "example.net")).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(Parse(Bytes{0x12, 0x34}).status().code(), StatusCode::kUnavailable);
  Bytes b = Header(0, 1, 0, "example.net");
  AddRr(&b, "example.net", 15, 300, MxData(10, "mx1.example.net"));
  for (size_t cut = 12; cut < b.size(); ++cut) {
    Bytes truncated(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_EQ(Parse(truncated).status().code(), StatusCode::kUnavailable) << cut;
  }
  Bytes bad_rdlength = Header(0, 1, 0, "example.net");
  AddRr(&bad_rdlength, "example.net", 15, 300, Bytes{0, 10});  // no exchange
  EXPECT_EQ(Parse(bad_rdlength).status().code(), StatusCode::kUnavailable);
}

// RFC 1035 limits a name to 255 octets; c-ares expands longer ones, so the parser must reject
// them itself (found by test/fuzz/mx_reply_fuzz.cc with a chain of compression pointers).
TEST(MxReplyTest, NamesLongerThan255OctetsAreMalformed) {
  std::string label(63, 'a');
  std::string longest = label + "." + label + "." + label + "." + std::string(61, 'b');  // 253
  Bytes ok = Header(0, 1, 0, "example.net");
  AddRr(&ok, "example.net", 15, 300, MxData(10, longest));
  ASSERT_TRUE(Parse(ok).ok());
  EXPECT_EQ(Parse(ok)->records.at(0).exchange, longest);

  Bytes too_long = Header(0, 1, 0, "example.net");
  AddRr(&too_long, "example.net", 15, 300, MxData(10, longest + ".c"));  // 255 in text
  EXPECT_EQ(Parse(too_long).status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace warden
