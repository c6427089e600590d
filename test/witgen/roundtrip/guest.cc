// The round-trip guest: every export echoes its argument, directly or through a host import.
// Compiled for wasm32 with the witgen guest glue (warden_wasm_module in CMakeLists.txt).
#include "roundtrip_guest.h"

namespace {
uint32_t post_returns = 0;
}  // namespace

// The glue calls this from every cabi_post_<export>.
extern "C" void witgen_guest_post_return(void) { ++post_returns; }

namespace witgen::roundtrip::roundtrip::exports {

bool EchoBool(bool x) { return x; }
uint8_t EchoU8(uint8_t x) { return x; }
int8_t EchoS8(int8_t x) { return x; }
uint16_t EchoU16(uint16_t x) { return x; }
int16_t EchoS16(int16_t x) { return x; }
uint32_t EchoU32(uint32_t x) { return x; }
int32_t EchoS32(int32_t x) { return x; }
uint64_t EchoU64(uint64_t x) { return x; }
int64_t EchoS64(int64_t x) { return x; }
float EchoF32(float x) { return x; }
double EchoF64(double x) { return x; }
char32_t EchoChar(char32_t x) { return x; }
std::string EchoString(const std::string& x) { return x; }
Bytes EchoBytes(const Bytes& x) { return x; }
std::vector<std::string> EchoStrings(const std::vector<std::string>& x) { return x; }
std::vector<std::vector<uint32_t>> EchoNested(const std::vector<std::vector<uint32_t>>& x) {
  return x;
}
Scalars EchoScalars(const Scalars& x) { return x; }
std::tuple<std::string, uint8_t, double> EchoTuple(
    const std::tuple<std::string, uint8_t, double>& x) {
  return x;
}
std::optional<std::string> EchoOption(const std::optional<std::string>& x) { return x; }
std::optional<uint64_t> EchoOptionU64(const std::optional<uint64_t>& x) { return x; }
::witgen::Expected<std::string, uint32_t> EchoResult(
    const ::witgen::Expected<std::string, uint32_t>& x) {
  return x;
}
::witgen::Expected<std::string, std::monostate> EchoResultOk(
    const ::witgen::Expected<std::string, std::monostate>& x) {
  return x;
}
::witgen::Expected<std::monostate, std::string> EchoResultErr(
    const ::witgen::Expected<std::monostate, std::string>& x) {
  return x;
}
::witgen::Expected<std::monostate, std::monostate> EchoResultNone(
    const ::witgen::Expected<std::monostate, std::monostate>& x) {
  return x;
}
Shape EchoShape(const Shape& x) { return x; }
Joiny EchoJoiny(const Joiny& x) { return x; }
SmallFlags EchoSmallFlags(const SmallFlags& x) { return x; }
ManyFlags EchoManyFlags(const ManyFlags& x) { return x; }
Big EchoBig(const Big& x) { return x; }
Color EchoColor(Color x) { return x; }

uint64_t ManyParams(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f,
                    uint64_t g, uint64_t h, uint64_t i, uint64_t j, uint64_t k, uint64_t l,
                    uint64_t m, uint64_t n, uint64_t o, uint64_t p, uint64_t q) {
  // Weighted so that a swapped or dropped parameter changes the result.
  const uint64_t v[] = {a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q};
  uint64_t sum = 0;
  for (uint64_t w = 0; w < 17; ++w) sum += v[w] * (w + 1);
  return sum;
}

Big ViaHost(const Big& x) { return host::HostEcho(x); }
std::string ViaHostString(const std::string& x) { return host::HostString(x); }
Shape ViaHostShape(const Shape& x) { return host::HostShape(x); }
Joiny ViaHostJoin(const Joiny& x) { return host::HostJoin(x); }
::witgen::Expected<std::string, uint32_t> ViaHostResult(
    const ::witgen::Expected<std::string, uint32_t>& x) {
  return host::HostResult(x);
}
std::vector<std::vector<std::string>> ViaHostList(const std::vector<std::vector<std::string>>& x) {
  return host::HostList(x);
}

uint64_t LogAndTick(const std::string& message) {
  host::HostLog(message);
  return ::witgen::roundtrip::roundtrip::HostTick();
}

void Trap() { __builtin_trap(); }

uint32_t PostReturns() { return post_returns; }

}  // namespace witgen::roundtrip::roundtrip::exports

namespace witgen::roundtrip::ops::exports {

Point Add(const Point& a, const Point& b) { return Point{a.x + b.x, a.y + b.y}; }

uint32_t CountBytes(const std::vector<uint8_t>& b) { return static_cast<uint32_t>(b.size()); }

}  // namespace witgen::roundtrip::ops::exports
