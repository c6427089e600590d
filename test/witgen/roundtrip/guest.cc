// The round-trip guest: every export echoes its argument, directly or through a host import.
// Parameters arrive as borrowed views; the echoes copy them with witgen::ToOwned.
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
std::string EchoString(std::string_view x) { return std::string(x); }
Bytes EchoBytes(std::span<const uint8_t> x) { return ::witgen::ToOwned(x); }
std::vector<std::string> EchoStrings(std::span<const std::string_view> x) {
  return ::witgen::ToOwned(x);
}
std::vector<std::vector<uint32_t>> EchoNested(std::span<const std::span<const uint32_t>> x) {
  return ::witgen::ToOwned(x);
}
Scalars EchoScalars(const Scalars& x) { return x; }
std::tuple<std::string, uint8_t, double> EchoTuple(
    const std::tuple<std::string_view, uint8_t, double>& x) {
  return ::witgen::ToOwned(x);
}
std::optional<std::string> EchoOption(const std::optional<std::string_view>& x) {
  return ::witgen::ToOwned(x);
}
std::optional<uint64_t> EchoOptionU64(const std::optional<uint64_t>& x) { return x; }
::witgen::Expected<std::string, uint32_t> EchoResult(
    const ::witgen::Expected<std::string_view, uint32_t>& x) {
  return ::witgen::ToOwned(x);
}
::witgen::Expected<std::string, std::monostate> EchoResultOk(
    const ::witgen::Expected<std::string_view, std::monostate>& x) {
  return ::witgen::ToOwned(x);
}
::witgen::Expected<std::monostate, std::string> EchoResultErr(
    const ::witgen::Expected<std::monostate, std::string_view>& x) {
  return ::witgen::ToOwned(x);
}
::witgen::Expected<std::monostate, std::monostate> EchoResultNone(
    const ::witgen::Expected<std::monostate, std::monostate>& x) {
  return x;
}
Shape EchoShape(const ShapeView& x) { return ::witgen::ToOwned(x); }
Joiny EchoJoiny(const JoinyView& x) { return ::witgen::ToOwned(x); }
SmallFlags EchoSmallFlags(const SmallFlags& x) { return x; }
ManyFlags EchoManyFlags(const ManyFlags& x) { return x; }
Big EchoBig(const BigView& x) { return ::witgen::ToOwned(x); }
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

Big ViaHost(const BigView& x) { return host::HostEcho(::witgen::ToOwned(x)); }
std::string ViaHostString(std::string_view x) { return host::HostString(std::string(x)); }
Shape ViaHostShape(const ShapeView& x) { return host::HostShape(::witgen::ToOwned(x)); }
Joiny ViaHostJoin(const JoinyView& x) { return host::HostJoin(::witgen::ToOwned(x)); }
::witgen::Expected<std::string, uint32_t> ViaHostResult(
    const ::witgen::Expected<std::string_view, uint32_t>& x) {
  return host::HostResult(::witgen::ToOwned(x));
}
std::vector<std::vector<std::string>> ViaHostList(
    std::span<const std::span<const std::string_view>> x) {
  return host::HostList(::witgen::ToOwned(x));
}

uint64_t LogAndTick(std::string_view message) {
  host::HostLog(std::string(message));
  return ::witgen::roundtrip::roundtrip::HostTick();
}

void Trap() { __builtin_trap(); }

uint32_t PostReturns() { return post_returns; }

}  // namespace witgen::roundtrip::roundtrip::exports

namespace witgen::roundtrip::ops::exports {

Point Add(const Point& a, const Point& b) { return Point{a.x + b.x, a.y + b.y}; }

uint32_t CountBytes(std::span<const uint8_t> b) { return static_cast<uint32_t>(b.size()); }

}  // namespace witgen::roundtrip::ops::exports
