// Round trip of strings, lists, records, tuples, options, results, variants and imports
// through the wasm2c host glue and roundtrip.wasm; traps, unbound imports and the memory cap.
#include <atomic>
#include <cmath>
#include <thread>

#include "roundtrip_fixture.h"

namespace witgen_test {
namespace {

using ::witgen::Expected;

types::Big MakeBig() {
  types::ManyFlags flags;
  flags.f1 = flags.f30 = true;
  return types::Big{types::Scalars{false, 1, -2, 3, -4, 5, -6, 7, -8, 0.5f, 0.25, U'ß'},
                    "big ✓",
                    {"", "one", "двa"},
                    types::Point{-1, 2},
                    uint64_t{1} << 40,
                    types::Shape{types::Shape::Named{"circle?"}},
                    types::Color::kBlue,
                    flags};
}

TEST_F(RoundTrip, Strings) {
  EXPECT_ECHO(instance_->EchoString(""), "");
  EXPECT_ECHO(instance_->EchoString("hello"), "hello");
  EXPECT_ECHO(instance_->EchoString("héllo wörld — ✓ 😀"), "héllo wörld — ✓ 😀");
  std::string big(300000, 'x');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  EXPECT_ECHO(instance_->EchoString(big), big);
}

TEST_F(RoundTrip, Lists) {
  EXPECT_ECHO(instance_->EchoBytes({}), std::vector<uint8_t>{});
  std::vector<uint8_t> bytes(256);
  for (int i = 0; i < 256; ++i) bytes[i] = static_cast<uint8_t>(i);
  EXPECT_ECHO(instance_->EchoBytes(bytes), bytes);
  EXPECT_EQ(instance_->OpsCountBytes(bytes).value(), 256u);
  std::vector<std::string> strings = {"", "a", "ü", std::string(1000, 'z')};
  EXPECT_ECHO(instance_->EchoStrings(strings), strings);
  EXPECT_ECHO(instance_->EchoStrings({}), std::vector<std::string>{});
  std::vector<std::string> many;  // more allocations than the guest's inline allocation log
  for (int i = 0; i < 500; ++i) many.push_back("s" + std::to_string(i));
  EXPECT_ECHO(instance_->EchoStrings(many), many);
  EXPECT_ECHO(instance_->EchoStrings(many), many);
  std::vector<std::vector<uint32_t>> nested = {{}, {1}, {2, 3, 0xffffffffu}};
  EXPECT_ECHO(instance_->EchoNested(nested), nested);
  // Viewed in place by the guest (witgen::guest::StringTupleIsAbi), echoed back from there.
  std::vector<std::tuple<std::string, std::string>> pairs = {
      {"", ""}, {"user-agent", "curl/8.4.0"}, {"ü", std::string(100, 'v')}};
  EXPECT_ECHO(instance_->EchoPairs(pairs), pairs);
  EXPECT_ECHO(instance_->EchoPairs({}), (std::vector<std::tuple<std::string, std::string>>{}));
}

TEST_F(RoundTrip, RecordsAndTuples) {
  EXPECT_ECHO(instance_->OpsAdd(types::Point{1, -2}, types::Point{10, 20}), (types::Point{11, 18}));
  std::tuple<std::string, uint8_t, double> t{"tuple", 200, -1.5};
  EXPECT_ECHO(instance_->EchoTuple(t), t);
  EXPECT_ECHO(instance_->EchoBig(MakeBig()), MakeBig());
}

TEST_F(RoundTrip, Options) {
  EXPECT_ECHO(instance_->EchoOption(std::nullopt), std::optional<std::string>());
  EXPECT_ECHO(instance_->EchoOption(std::string("")), std::optional<std::string>(""));
  EXPECT_ECHO(instance_->EchoOption(std::string("some")), std::optional<std::string>("some"));
  EXPECT_ECHO(instance_->EchoOptionU64(std::nullopt), std::optional<uint64_t>());
  EXPECT_ECHO(instance_->EchoOptionU64(UINT64_MAX), std::optional<uint64_t>(UINT64_MAX));
}

TEST_F(RoundTrip, Results) {
  using Both = Expected<std::string, uint32_t>;
  EXPECT_ECHO(instance_->EchoResult(Both::Ok("fine")), Both::Ok("fine"));
  EXPECT_ECHO(instance_->EchoResult(Both::Err(404)), Both::Err(404));
  using OkOnly = Expected<std::string, std::monostate>;
  EXPECT_ECHO(instance_->EchoResultOk(OkOnly::Ok("x")), OkOnly::Ok("x"));
  EXPECT_ECHO(instance_->EchoResultOk(OkOnly::Err({})), OkOnly::Err({}));
  using ErrOnly = Expected<std::monostate, std::string>;
  EXPECT_ECHO(instance_->EchoResultErr(ErrOnly::Ok({})), ErrOnly::Ok({}));
  EXPECT_ECHO(instance_->EchoResultErr(ErrOnly::Err("bad")), ErrOnly::Err("bad"));
  using None = Expected<std::monostate, std::monostate>;
  EXPECT_ECHO(instance_->EchoResultNone(None::Ok({})), None::Ok({}));
  EXPECT_ECHO(instance_->EchoResultNone(None::Err({})), None::Err({}));
}

std::vector<types::Shape> Shapes() {
  return {types::Shape{types::Shape::Circle{2.5}},
          types::Shape{types::Shape::Rect{types::Point{3, 4}}}, types::Shape{types::Shape::Empty{}},
          types::Shape{types::Shape::Named{"ñamed"}}, types::Shape{types::Shape::Pair{{7, -0.5f}}}};
}

std::vector<types::Joiny> Joinies() {
  return {types::Joiny{types::Joiny::A{0xdeadbeef}},
          types::Joiny{types::Joiny::B{-1.75f}},
          types::Joiny{types::Joiny::C{0xfedcba9876543210ull}},
          types::Joiny{types::Joiny::D{1e-300}},
          types::Joiny{types::Joiny::E{"payload"}},
          types::Joiny{types::Joiny::F{}}};
}

TEST_F(RoundTrip, Variants) {
  for (const auto& s : Shapes()) EXPECT_ECHO(instance_->EchoShape(s), s);
  for (const auto& j : Joinies()) EXPECT_ECHO(instance_->EchoJoiny(j), j);
}

TEST_F(RoundTrip, ThroughHostImports) {
  EXPECT_ECHO(instance_->ViaHost(MakeBig()), MakeBig());
  EXPECT_ECHO(instance_->ViaHostString(""), "");
  EXPECT_ECHO(instance_->ViaHostString("über"), "über");
  for (const auto& s : Shapes()) EXPECT_ECHO(instance_->ViaHostShape(s), s);
  for (const auto& j : Joinies()) EXPECT_ECHO(instance_->ViaHostJoin(j), j);
  using Both = Expected<std::string, uint32_t>;
  EXPECT_ECHO(instance_->ViaHostResult(Both::Ok("ok")), Both::Ok("ok"));
  EXPECT_ECHO(instance_->ViaHostResult(Both::Err(7)), Both::Err(7));
  std::vector<std::vector<std::string>> l = {{}, {"a", ""}, {"ü", "x", "yz"}};
  EXPECT_ECHO(instance_->ViaHostList(l), l);
  EXPECT_ECHO(instance_->LogAndTick("logged ✓"), uint64_t{0x1234567890abcdefULL});
  EXPECT_EQ(logged_, std::vector<std::string>{"logged ✓"});
}

TEST_F(RoundTrip, PostReturnRunsAfterEveryExport) {
  uint32_t before = instance_->PostReturns().value();
  ASSERT_TRUE(instance_->EchoString("x").ok());
  ASSERT_TRUE(instance_->EchoU8(1).ok());
  // The first PostReturns call's own post-return, then the two echoes.
  EXPECT_EQ(instance_->PostReturns().value(), before + 3);
}

TEST_F(RoundTrip, ManyCallsDoNotLeakGuestMemory) {
  std::string s(4096, 'q');
  ASSERT_TRUE(instance_->EchoString(s).ok());
  uint64_t after_first = instance_->MemoryBytes();
  for (int i = 0; i < 2000; ++i) ASSERT_TRUE(instance_->ViaHost(MakeBig()).ok());
  for (int i = 0; i < 2000; ++i) ASSERT_TRUE(instance_->EchoString(s).ok());
  EXPECT_EQ(instance_->MemoryBytes(), after_first);
}

TEST_F(RoundTrip, GuestTrapIsKTrapAndPoisonsTheInstance) {
  warden::Status s = instance_->Trap();
  EXPECT_EQ(s.code(), warden::StatusCode::kTrap) << s.ToString();
  EXPECT_EQ(instance_->EchoU32(1).status().code(), warden::StatusCode::kInternal);
  // A fresh instance works.
  auto fresh = NewInstance(1024);
  ASSERT_NE(fresh, nullptr);
  EXPECT_ECHO(fresh->EchoU32(5), 5u);
}

TEST_F(RoundTrip, UnboundImportTraps) {
  imports_.host.host_log = nullptr;
  auto r = instance_->LogAndTick("x");
  EXPECT_EQ(r.status().code(), warden::StatusCode::kTrap);
  EXPECT_NE(r.status().message().find("import host#host-log not bound"), std::string::npos)
      << r.status().ToString();
}

TEST_F(RoundTrip, MemoryCapStopsGrowth) {
  auto small = NewInstance(8);  // 512 KiB; the module starts with 5 pages (256 KiB stack)
  ASSERT_NE(small, nullptr);
  auto r = small->EchoString(std::string(1 << 20, 'm'));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), warden::StatusCode::kTrap) << r.status().ToString();
  EXPECT_LE(small->MemoryBytes(), 8u * 65536u);
}

TEST_F(RoundTrip, InstancesRunConcurrently) {
  // The generated glue keeps no global mutable state: threads with their own Instances
  // (some of which trap) do not disturb each other.
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto inst = rt::wasm2c::Instance::Create(&imports_, 1024);
      if (!inst.ok()) {
        ++failures;
        return;
      }
      for (int i = 0; i < 300; ++i) {
        types::Big b = MakeBig();
        b.name = std::to_string(t) + ":" + std::to_string(i);
        auto r = inst.value()->ViaHost(b);
        if (!r.ok() || !(r.value() == b)) ++failures;
        if (i % 100 == 99) {
          if (inst.value()->Trap().code() != warden::StatusCode::kTrap) ++failures;
          inst = rt::wasm2c::Instance::Create(&imports_, 1024);
          if (!inst.ok()) {
            ++failures;
            return;
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(RoundTrip, MemoryCapBelowInitialSizeIsRejected) {
  auto r = rt::wasm2c::Instance::Create(&imports_, 1);
  EXPECT_EQ(r.status().code(), warden::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace witgen_test
