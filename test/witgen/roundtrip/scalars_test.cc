// Round trip of every WIT scalar through the wasm2c host glue and roundtrip.wasm.
#include <cmath>
#include <limits>

#include "roundtrip_fixture.h"
#include "witgen/abi.h"

namespace witgen_test {
namespace {

template <class T>
std::vector<T> Extremes() {
  return {std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), T{0}, T{1},
          static_cast<T>(std::numeric_limits<T>::max() / 3)};
}

TEST_F(RoundTrip, Bool) {
  EXPECT_ECHO(instance_->EchoBool(true), true);
  EXPECT_ECHO(instance_->EchoBool(false), false);
}

TEST_F(RoundTrip, Integers) {
  for (auto v : Extremes<uint8_t>()) EXPECT_ECHO(instance_->EchoU8(v), v);
  for (auto v : Extremes<int8_t>()) EXPECT_ECHO(instance_->EchoS8(v), v);
  for (auto v : Extremes<uint16_t>()) EXPECT_ECHO(instance_->EchoU16(v), v);
  for (auto v : Extremes<int16_t>()) EXPECT_ECHO(instance_->EchoS16(v), v);
  for (auto v : Extremes<uint32_t>()) EXPECT_ECHO(instance_->EchoU32(v), v);
  for (auto v : Extremes<int32_t>()) EXPECT_ECHO(instance_->EchoS32(v), v);
  for (auto v : Extremes<uint64_t>()) EXPECT_ECHO(instance_->EchoU64(v), v);
  for (auto v : Extremes<int64_t>()) EXPECT_ECHO(instance_->EchoS64(v), v);
}

TEST_F(RoundTrip, Floats) {
  for (float v : {0.0f, -0.0f, 1.5f, -3.25e-38f, std::numeric_limits<float>::infinity(),
                  -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::denorm_min(),
                  std::numeric_limits<float>::max()}) {
    auto r = instance_->EchoF32(v);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(::witgen::F32Bits(r.value()), ::witgen::F32Bits(v));
  }
  for (double v : {0.0, -0.0, 1e300, -2.5, std::numeric_limits<double>::infinity(),
                   std::numeric_limits<double>::denorm_min()}) {
    auto r = instance_->EchoF64(v);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(::witgen::F64Bits(r.value()), ::witgen::F64Bits(v));
  }
}

TEST_F(RoundTrip, NaNsAreCanonical) {
  auto f = instance_->EchoF32(std::nanf("0x123"));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(::witgen::F32Bits(f.value()), 0x7fc00000u);
  auto d = instance_->EchoF64(-std::nan("0x456"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(::witgen::F64Bits(d.value()), 0x7ff8000000000000ull);
}

TEST_F(RoundTrip, Chars) {
  for (char32_t c : {U'a', U'\0', U'é', U'€', U'\U0001F600', U'\U0010FFFF', U'\uFFFF'}) {
    EXPECT_ECHO(instance_->EchoChar(c), c);
  }
}

TEST_F(RoundTrip, EnumsAndFlags) {
  for (auto c : {types::Color::kRed, types::Color::kGreen, types::Color::kBlue}) {
    EXPECT_ECHO(instance_->EchoColor(c), c);
  }
  types::SmallFlags small;
  EXPECT_ECHO(instance_->EchoSmallFlags(small), small);
  small.a = small.c = true;
  EXPECT_ECHO(instance_->EchoSmallFlags(small), small);
  types::ManyFlags many;
  EXPECT_ECHO(instance_->EchoManyFlags(many), many);
  many.f0 = many.f15 = many.f31 = true;
  EXPECT_ECHO(instance_->EchoManyFlags(many), many);
}

TEST_F(RoundTrip, MoreThanSixteenFlatParams) {
  uint64_t want = 0;
  for (uint64_t w = 1; w <= 17; ++w) want += (w * 1000 + 7) * w;
  EXPECT_ECHO(instance_->ManyParams(1007, 2007, 3007, 4007, 5007, 6007, 7007, 8007, 9007, 10007,
                                    11007, 12007, 13007, 14007, 15007, 16007, 17007),
              want);
}

TEST_F(RoundTrip, ScalarsRecordUsesReturnArea) {
  types::Scalars s{true,      255,        -128,      65535, -32768, 0xffffffffu,
                   INT32_MIN, UINT64_MAX, INT64_MIN, 1.25f, -9.5,   U'\U0001F600'};
  EXPECT_ECHO(instance_->EchoScalars(s), s);
}

}  // namespace
}  // namespace witgen_test
