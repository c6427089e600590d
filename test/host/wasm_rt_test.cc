// Tests of the thread-safe wasm2c runtime (host/wasm2c/runtime) against a small WAT guest
// (runtime/trap_module.wat): every trap kind is reported as a value, call depth and recovery
// points are per thread and restored after traps, the memory cap holds, and eight threads
// calling at once — some trapping — all get the right answers.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "trap_module.h"
#include "warden_rt.h"

// The host side of the guest's "env" imports.
struct Z_env_instance_t {
  std::function<uint32_t(uint32_t)> host_call;
};

extern "C" uint32_t Z_envZ_host_call(Z_env_instance_t* env, uint32_t x) {
  return env->host_call(x);
}

namespace {

constexpr uint32_t kGrowFailed = 0xffffffffu;

// One instance of the test guest. Not thread-safe; each thread owns its own.
class Guest {
 public:
  explicit Guest(uint32_t max_pages = 16) {
    static std::once_flag once;
    std::call_once(once, [] {
      wasm_rt_init();
      Z_trap_module_init_module();
    });
    Z_trap_module_instantiate(&instance_, &env_);
    capped_ = warden_rt_memory_cap(&instance_.w2c_memory, max_pages);
  }
  ~Guest() { Z_trap_module_free(&instance_); }
  Guest(const Guest&) = delete;
  Guest& operator=(const Guest&) = delete;

  Z_trap_module_instance_t* get() { return &instance_; }
  Z_env_instance_t& env() { return env_; }
  bool capped() const { return capped_; }

 private:
  Z_env_instance_t env_;
  Z_trap_module_instance_t instance_;
  bool capped_ = false;
};

struct Outcome {
  wasm_rt_trap_t trap;
  uint32_t value;
};

// Runs `f` (which returns a uint32_t from the guest) under warden_rt_invoke. `f` must hold
// nothing with a destructor, since a trap abandons its frame.
template <class F>
Outcome Call(F f) {
  struct Ctx {
    F* f;
    uint32_t value;
  } ctx{&f, 0};
  wasm_rt_trap_t trap = warden_rt_invoke(
      [](void* p) {
        auto* c = static_cast<Ctx*>(p);
        c->value = (*c->f)();
      },
      &ctx);
  return {trap, ctx.value};
}

TEST(WasmRtTest, NormalCallsReturnValues) {
  Guest g;
  auto* m = g.get();
  Outcome r = Call([m] { return Z_trap_moduleZ_add(m, 40, 2); });
  EXPECT_EQ(r.trap, WASM_RT_TRAP_NONE);
  EXPECT_EQ(r.value, 42u);
  r = Call([m] { return Z_trap_moduleZ_sum_to(m, 100); });
  EXPECT_EQ(r.trap, WASM_RT_TRAP_NONE);
  EXPECT_EQ(r.value, 4950u);
  r = Call([m] { return Z_trap_moduleZ_call_binary(m, 0, 5, 6); });
  EXPECT_EQ(r.trap, WASM_RT_TRAP_NONE);
  EXPECT_EQ(r.value, 11u);
  EXPECT_FALSE(warden_rt_in_guest_call());
}

TEST(WasmRtTest, EveryTrapKindIsReported) {
  Guest g;
  auto* m = g.get();
  EXPECT_EQ(Call([m] {
              Z_trap_moduleZ_unreachable(m);
              return 0u;
            }).trap,
            WASM_RT_TRAP_UNREACHABLE);
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_load(m, 65536 - 3); }).trap, WASM_RT_TRAP_OOB);
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_load(m, 0xfffffffeu); }).trap, WASM_RT_TRAP_OOB);
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_div(m, 1, 0); }).trap, WASM_RT_TRAP_DIV_BY_ZERO);
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_div(m, 0x80000000u, 0xffffffffu); }).trap,
            WASM_RT_TRAP_INT_OVERFLOW);
  for (uint32_t slot : {1u, 2u, 3u, 1000u}) {  // wrong type, null, out of range
    EXPECT_EQ(Call([m, slot] { return Z_trap_moduleZ_call_binary(m, slot, 1, 2); }).trap,
              WASM_RT_TRAP_CALL_INDIRECT)
        << "slot " << slot;
  }
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_recurse(m, 0); }).trap, WASM_RT_TRAP_EXHAUSTION);
  EXPECT_STREQ(wasm_rt_strerror(WASM_RT_TRAP_EXHAUSTION), "call stack exhausted");
}

TEST(WasmRtTest, StackDepthIsRestoredAfterATrap) {
  Guest g;
  auto* m = g.get();
  EXPECT_EQ(wasm_rt_call_stack_depth, 0u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Call([m] { return Z_trap_moduleZ_recurse(m, 0); }).trap, WASM_RT_TRAP_EXHAUSTION);
    EXPECT_EQ(wasm_rt_call_stack_depth, 0u);
  }
  Outcome r = Call([m] { return Z_trap_moduleZ_add(m, 1, 2); });
  EXPECT_EQ(r.trap, WASM_RT_TRAP_NONE);
  EXPECT_EQ(r.value, 3u);
}

TEST(WasmRtTest, MemoryGrowthStopsAtTheCap) {
  Guest g(/*max_pages=*/4);
  ASSERT_TRUE(g.capped());
  auto* m = g.get();
  EXPECT_EQ(g.get()->w2c_memory.max_pages, 4u);
  warden_rt_clear_memory_exhausted();
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_grow(m, 2); }).value, 1u);  // 1 -> 3 pages
  EXPECT_FALSE(warden_rt_memory_exhausted());
  Outcome r = Call([m] { return Z_trap_moduleZ_grow(m, 2); });  // 5 > 4
  EXPECT_EQ(r.trap, WASM_RT_TRAP_NONE);
  EXPECT_EQ(r.value, kGrowFailed);
  EXPECT_TRUE(warden_rt_memory_exhausted());  // sticky until cleared
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_pages(m); }).value, 3u);
  EXPECT_TRUE(warden_rt_memory_exhausted());
  warden_rt_clear_memory_exhausted();
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_pages(m); }).value, 3u);
  // Grown pages are zeroed and usable; the byte past them is not.
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_load(m, 3 * 65536 - 4); }).value, 0u);
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_load(m, 3 * 65536 - 3); }).trap, WASM_RT_TRAP_OOB);
  // A guest whose allocator fails gives up; the host sees a trap, not a crash.
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_grow_or_abort(m, 1000); }).trap,
            WASM_RT_TRAP_UNREACHABLE);
  // The module's own maximum (64) still applies when the cap is higher.
  Guest loose(/*max_pages=*/1000);
  EXPECT_EQ(loose.get()->w2c_memory.max_pages, 64u);
  // A cap below the current size is refused.
  EXPECT_FALSE(warden_rt_memory_cap(&g.get()->w2c_memory, 2));
  EXPECT_EQ(g.get()->w2c_memory.max_pages, 4u);
}

TEST(WasmRtTest, NestedInvokeKeepsTheOuterRecoveryPoint) {
  Guest outer;
  Guest inner;
  auto* om = outer.get();
  auto* im = inner.get();
  // The host import re-enters another guest, which traps; the outer call carries on.
  outer.env().host_call = [im](uint32_t x) {
    EXPECT_TRUE(warden_rt_in_guest_call());
    Outcome r = Call([im] {
      Z_trap_moduleZ_unreachable(im);
      return 0u;
    });
    EXPECT_EQ(r.trap, WASM_RT_TRAP_UNREACHABLE);
    return x * 10;
  };
  Outcome r = Call([om] { return Z_trap_moduleZ_call_host(om, 4); });
  EXPECT_EQ(r.trap, WASM_RT_TRAP_NONE);
  EXPECT_EQ(r.value, 41u);
  EXPECT_EQ(wasm_rt_call_stack_depth, 0u);
  EXPECT_FALSE(warden_rt_in_guest_call());
}

// What generated host glue does when an import is given a bad pointer: trap from the host.
uint32_t TrapFromHost(uint32_t) { wasm_rt_trap(WASM_RT_TRAP_OOB); }

TEST(WasmRtTest, HostImportMayTrap) {
  Guest g;
  auto* m = g.get();
  g.env().host_call = TrapFromHost;
  EXPECT_EQ(Call([m] { return Z_trap_moduleZ_call_host(m, 1); }).trap, WASM_RT_TRAP_OOB);
  EXPECT_EQ(wasm_rt_call_stack_depth, 0u);
  EXPECT_FALSE(warden_rt_in_guest_call());
}

TEST(WasmRtDeathTest, TrapOutsideInvokeAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(wasm_rt_trap(WASM_RT_TRAP_OOB), "trap outside warden_rt_invoke");
}

TEST(WasmRtTest, FuncTypeIdsAreSharedAcrossThreads) {
  constexpr int kThreads = 8;
  std::vector<uint32_t> a(kThreads), b(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        a[t] = wasm_rt_register_func_type(3, 1, WASM_RT_I64, WASM_RT_F32, WASM_RT_I32, WASM_RT_F64);
        b[t] = wasm_rt_register_func_type(0, 2, WASM_RT_EXTERNREF, WASM_RT_FUNCREF);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(a[t], a[0]);
    EXPECT_EQ(b[t], b[0]);
  }
  EXPECT_NE(a[0], b[0]);
  EXPECT_EQ(wasm_rt_register_func_type(3, 1, WASM_RT_I64, WASM_RT_F32, WASM_RT_I32, WASM_RT_F64),
            a[0]);
}

// One step of the concurrent test: a call whose outcome is known in advance.
struct Step {
  wasm_rt_trap_t want_trap;
  uint32_t want_value;
  Outcome got;
};

Step RunStep(Z_trap_module_instance_t* m, uint32_t n) {
  switch (n % 7) {
    case 0:
      return {WASM_RT_TRAP_NONE, n + 7, Call([m, n] { return Z_trap_moduleZ_add(m, n, 7); })};
    case 1: {
      uint32_t k = n % 200;
      return {WASM_RT_TRAP_NONE, k * (k - 1) / 2,
              Call([m, k] { return Z_trap_moduleZ_sum_to(m, k); })};
    }
    case 2:
      return {WASM_RT_TRAP_UNREACHABLE, 0, Call([m] {
                Z_trap_moduleZ_unreachable(m);
                return 0u;
              })};
    case 3:
      return {WASM_RT_TRAP_OOB, 0,
              Call([m, n] { return Z_trap_moduleZ_load(m, 0x10000000u + n); })};
    case 4:
      return {WASM_RT_TRAP_EXHAUSTION, 0, Call([m] { return Z_trap_moduleZ_recurse(m, 0); })};
    case 5:
      return {WASM_RT_TRAP_NONE, kGrowFailed, Call([m] { return Z_trap_moduleZ_grow(m, 100); })};
    default:
      return {WASM_RT_TRAP_UNREACHABLE, 0,
              Call([m] { return Z_trap_moduleZ_grow_or_abort(m, 100); })};
  }
}

TEST(WasmRtTest, ConcurrentCallsWithTraps) {
  constexpr int kThreads = 8;
  constexpr uint32_t kIterations = 2000;
  std::atomic<uint64_t> traps{0}, normal{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto guest = std::make_unique<Guest>(/*max_pages=*/8);
      for (uint32_t i = 0; i < kIterations; ++i) {
        Step s = RunStep(guest->get(), i * kThreads + t);
        bool right = s.got.trap == s.want_trap &&
                     (s.want_trap != WASM_RT_TRAP_NONE || s.got.value == s.want_value);
        if (!right) wrong.fetch_add(1);
        if (wasm_rt_call_stack_depth != 0 || warden_rt_in_guest_call()) wrong.fetch_add(1);
        // Only this thread's refused growths (steps 5 and 6) raise its flag.
        uint32_t kind = (i * kThreads + t) % 7;
        if (warden_rt_memory_exhausted() != (kind == 5 || kind == 6)) wrong.fetch_add(1);
        warden_rt_clear_memory_exhausted();
        if (s.got.trap != WASM_RT_TRAP_NONE) {
          traps.fetch_add(1);
          guest = std::make_unique<Guest>(/*max_pages=*/8);  // as the engine does
        } else {
          normal.fetch_add(1);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0u);
  EXPECT_EQ(traps.load() + normal.load(), uint64_t{kThreads} * kIterations);
  EXPECT_GT(traps.load(), 0u);
  EXPECT_GT(normal.load(), 0u);
}

}  // namespace
