// mx_reply.cc — ParseMxReply (mx_reply.h): a bounds-checked walk over the header, the question
// and the answer and authority sections; names (with compression) are expanded by c-ares.
#include "dns/mx_reply.h"

#include <ares.h>
#include <arpa/nameser.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "dns/dns_names.h"

namespace warden::host::dns {
namespace {

constexpr size_t kHeaderSize = 12;
constexpr int kRcodeNoError = 0;
constexpr int kRcodeNxDomain = 3;
constexpr uint16_t kTypeMx = 15;
constexpr uint16_t kTypeSoa = 6;
constexpr uint16_t kClassIn = 1;

// A cursor over the message; every read checks the bounds and fails instead of overrunning.
class Reader {
 public:
  Reader(const unsigned char* base, size_t size) : base_(base), size_(size) {}

  bool U16(size_t at, uint16_t* out) const {
    if (at + 2 > size_) return false;
    *out = static_cast<uint16_t>((base_[at] << 8) | base_[at + 1]);
    return true;
  }
  bool U32(size_t at, uint32_t* out) const {
    uint16_t hi = 0, lo = 0;
    if (!U16(at, &hi) || !U16(at + 2, &lo)) return false;
    *out = (static_cast<uint32_t>(hi) << 16) | lo;
    return true;
  }
  // Expands the (possibly compressed) name at `at`; `*next` is the offset after it.
  bool Name(size_t at, std::string* out, size_t* next) const {
    if (at >= size_) return false;
    char* name = nullptr;
    long used = 0;
    if (ares_expand_name(base_ + at, base_, static_cast<int>(size_), &name, &used) !=
        ARES_SUCCESS) {
      return false;
    }
    // c-ares follows compression pointers without enforcing RFC 1035's 255-octet limit on
    // the whole name (found by test/fuzz/mx_reply_fuzz.cc); a longer name is a malformed reply.
    bool too_long = PresentationOctets(name) > kMaxNameOctets;
    if (out != nullptr && !too_long) *out = name;
    ares_free_string(name);
    if (too_long) return false;
    *next = at + static_cast<size_t>(used);
    return *next <= size_;
  }
  // The longest name in text form without the root's trailing dot (255 octets on the wire).
  static constexpr size_t kMaxNameOctets = 253;
  // Octets of a name in c-ares' presentation form, where "\DDD" and "\X" each stand for one.
  static size_t PresentationOctets(const char* text) {
    size_t octets = 0;
    for (const char* p = text; *p != '\0'; ++octets) {
      if (*p != '\\') {
        ++p;
      } else if (p[1] >= '0' && p[1] <= '9' && p[2] != '\0' && p[3] != '\0') {
        p += 4;
      } else {
        p += (p[1] != '\0') ? 2 : 1;
      }
    }
    return octets;
  }
  size_t size() const { return size_; }

 private:
  const unsigned char* base_;
  size_t size_;
};

// One resource record's fixed fields and where its RDATA lies.
struct Rr {
  uint16_t type = 0;
  uint16_t klass = 0;
  uint32_t ttl = 0;
  size_t rdata = 0;
  uint16_t rdlength = 0;
};

bool ReadRr(const Reader& r, size_t* at, Rr* rr) {
  size_t pos = 0;
  if (!r.Name(*at, nullptr, &pos)) return false;
  if (!r.U16(pos, &rr->type) || !r.U16(pos + 2, &rr->klass) || !r.U32(pos + 4, &rr->ttl) ||
      !r.U16(pos + 8, &rr->rdlength)) {
    return false;
  }
  if (rr->ttl & 0x80000000u) rr->ttl = 0;  // RFC 2181 §8: a TTL with the top bit set is 0
  rr->rdata = pos + 10;
  *at = rr->rdata + rr->rdlength;
  return *at <= r.size();
}

bool ReadMx(const Reader& r, const Rr& rr, MxRecord* mx) {
  size_t end = 0;
  std::string exchange;
  if (rr.rdlength < 3 || !r.U16(rr.rdata, &mx->preference) ||
      !r.Name(rr.rdata + 2, &exchange, &end) || end > rr.rdata + rr.rdlength) {
    return false;
  }
  mx->exchange = NormalizeHostName(exchange);
  mx->ttl = rr.ttl;
  return true;
}

// RFC 2308 §5: the negative TTL is the smaller of the SOA record's TTL and its MINIMUM field.
bool ReadSoaNegativeTtl(const Reader& r, const Rr& rr, uint32_t* ttl) {
  size_t pos = 0;
  if (!r.Name(rr.rdata, nullptr, &pos) || !r.Name(pos, nullptr, &pos)) return false;
  uint32_t minimum = 0;
  if (pos + 20 > rr.rdata + rr.rdlength || !r.U32(pos + 16, &minimum)) return false;
  *ttl = std::min(rr.ttl, minimum);
  return true;
}

}  // namespace

Result<MxAnswer> ParseMxReply(const unsigned char* reply, size_t size) {
  Reader r(reply, size);
  uint16_t flags = 0, qdcount = 0, ancount = 0, nscount = 0;
  if (size < kHeaderSize || !r.U16(2, &flags) || !r.U16(4, &qdcount) || !r.U16(6, &ancount) ||
      !r.U16(8, &nscount)) {
    return UnavailableError("MX: truncated DNS reply");
  }
  const int rcode = flags & 0xf;
  if (rcode != kRcodeNoError && rcode != kRcodeNxDomain) {
    return UnavailableError("MX: server answered RCODE " + std::to_string(rcode));
  }
  MxAnswer answer;
  answer.nxdomain = rcode == kRcodeNxDomain;
  size_t at = kHeaderSize;
  for (uint16_t i = 0; i < qdcount; ++i) {
    if (!r.Name(at, nullptr, &at) || at + 4 > size) return UnavailableError("MX: bad question");
    at += 4;
  }
  for (uint16_t i = 0; i < ancount; ++i) {
    Rr rr;
    if (!ReadRr(r, &at, &rr)) return UnavailableError("MX: bad answer record");
    if (rr.type != kTypeMx || rr.klass != kClassIn) continue;  // e.g. the CNAMEs of a chain
    MxRecord mx;
    if (!ReadMx(r, rr, &mx)) return UnavailableError("MX: bad MX record");
    answer.records.push_back(std::move(mx));
  }
  for (uint16_t i = 0; i < nscount && answer.records.empty(); ++i) {
    Rr rr;
    if (!ReadRr(r, &at, &rr)) break;  // the authority section is optional help only
    uint32_t ttl = 0;
    if (rr.type == kTypeSoa && ReadSoaNegativeTtl(r, rr, &ttl)) {
      answer.negative_ttl = ttl;
      break;
    }
  }
  if (answer.nxdomain) answer.records.clear();
  return answer;
}

}  // namespace warden::host::dns
