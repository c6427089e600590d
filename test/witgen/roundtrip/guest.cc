// The round-trip guest: every export echoes its argument, directly or through a host import.
// Parameters arrive as borrowed views, valid until cabi_post, and results that have a view form
// are returned as views: the echoes return their parameters' views as they are, the calls
// through a host import return views of the import's owned result (held by Hold) made with
// witgen::ViewOf, their arrays in the glue's result arena.
// Compiled for wasm32 with the witgen guest glue (warden_wasm_module in CMakeLists.txt), and
// natively for native_test.cc.
#include <utility>

#include "roundtrip_guest.h"

namespace {
uint32_t post_returns = 0;

// Keeps `value` until the next call with the same type (after the glue has lowered the view
// of it that an export returns). Never destroyed: no exit-time destructors in the guest.
template <class T>
const T& Hold(T value) {
  static T* held = nullptr;
  if (held == nullptr) {
    held = new T(std::move(value));
  } else {
    *held = std::move(value);
  }
  return *held;
}
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
using ::witgen::ViewArena;

std::string_view EchoString(std::string_view x, ViewArena&) { return x; }
std::span<const uint8_t> EchoBytes(std::span<const uint8_t> x, ViewArena&) { return x; }
std::span<const std::string_view> EchoStrings(std::span<const std::string_view> x, ViewArena&) {
  return x;
}
std::span<const std::tuple<std::string_view, std::string_view>> EchoPairs(
    std::span<const std::tuple<std::string_view, std::string_view>> x, ViewArena&) {
  return x;
}
std::span<const std::span<const uint32_t>> EchoNested(
    std::span<const std::span<const uint32_t>> x, ViewArena&) {
  return x;
}
Scalars EchoScalars(const Scalars& x) { return x; }
std::tuple<std::string_view, uint8_t, double> EchoTuple(
    const std::tuple<std::string_view, uint8_t, double>& x, ViewArena&) {
  return x;
}
std::optional<std::string_view> EchoOption(const std::optional<std::string_view>& x, ViewArena&) {
  return x;
}
std::optional<uint64_t> EchoOptionU64(const std::optional<uint64_t>& x) { return x; }
::witgen::Expected<std::string_view, uint32_t> EchoResult(
    const ::witgen::Expected<std::string_view, uint32_t>& x, ViewArena&) {
  return x;
}
::witgen::Expected<std::string_view, std::monostate> EchoResultOk(
    const ::witgen::Expected<std::string_view, std::monostate>& x, ViewArena&) {
  return x;
}
::witgen::Expected<std::monostate, std::string_view> EchoResultErr(
    const ::witgen::Expected<std::monostate, std::string_view>& x, ViewArena&) {
  return x;
}
::witgen::Expected<std::monostate, std::monostate> EchoResultNone(
    const ::witgen::Expected<std::monostate, std::monostate>& x) {
  return x;
}
ShapeView EchoShape(const ShapeView& x, ViewArena&) { return x; }
JoinyView EchoJoiny(const JoinyView& x, ViewArena&) { return x; }
SmallFlags EchoSmallFlags(const SmallFlags& x) { return x; }
ManyFlags EchoManyFlags(const ManyFlags& x) { return x; }
BigView EchoBig(const BigView& x, ViewArena&) { return x; }
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

BigView ViaHost(const BigView& x, ViewArena& arena) {
  return ::witgen::ViewOf(Hold(host::HostEcho(::witgen::ToOwned(x))), arena);
}
std::string_view ViaHostString(std::string_view x, ViewArena&) {
  return Hold(host::HostString(std::string(x)));
}
ShapeView ViaHostShape(const ShapeView& x, ViewArena& arena) {
  return ::witgen::ViewOf(Hold(host::HostShape(::witgen::ToOwned(x))), arena);
}
JoinyView ViaHostJoin(const JoinyView& x, ViewArena& arena) {
  return ::witgen::ViewOf(Hold(host::HostJoin(::witgen::ToOwned(x))), arena);
}
::witgen::Expected<std::string_view, uint32_t> ViaHostResult(
    const ::witgen::Expected<std::string_view, uint32_t>& x, ViewArena& arena) {
  return ::witgen::ViewOf(Hold(host::HostResult(::witgen::ToOwned(x))), arena);
}
std::span<const std::span<const std::string_view>> ViaHostList(
    std::span<const std::span<const std::string_view>> x, ViewArena& arena) {
  return ::witgen::ViewOf(Hold(host::HostList(::witgen::ToOwned(x))), arena);
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
