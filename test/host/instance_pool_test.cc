// Tests of host/engine/instance_pool.h with a fake instance: reuse, growth under concurrency,
// the idle cap, and the trap policy (discard and replace; traps after a refused memory growth
// reported as kResourceExhausted).
#include "engine/instance_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <future>
#include <memory>
#include <thread>
#include <vector>

namespace warden::host {
namespace {

std::atomic<int> g_live{0};

// Stands in for a wasm2c instance; each has an id so tests can tell reuse from replacement.
class FakeInstance {
 public:
  explicit FakeInstance(int id) : id_(id) { g_live.fetch_add(1); }
  ~FakeInstance() { g_live.fetch_sub(1); }
  int id() const { return id_; }

 private:
  int id_;
};

class InstancePoolTest : public ::testing::Test {
 protected:
  InstancePool<FakeInstance>::Factory Factory() {
    return [this]() -> Result<std::unique_ptr<FakeInstance>> {
      if (fail_.load()) return UnavailableError("factory down");
      return std::make_unique<FakeInstance>(next_id_.fetch_add(1));
    };
  }
  std::atomic<int> next_id_{1};
  std::atomic<bool> fail_{false};
};

// A policy whose memory check answers `exhausted` and which counts discards in `*discards`.
CallPolicy Policy(bool exhausted = false, int* discards = nullptr) {
  CallPolicy p;
  p.memory_exhausted = [exhausted] { return exhausted; };
  p.memory_limit_pages = 16;
  if (discards != nullptr) p.on_discard = [discards] { ++*discards; };
  return p;
}

TEST_F(InstancePoolTest, ReusesAnIdleInstance) {
  InstancePool<FakeInstance> pool(Factory(), 2);
  ASSERT_TRUE(pool.Prime(1).ok());
  EXPECT_EQ(pool.created(), 1u);
  for (int i = 0; i < 5; ++i) {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
    EXPECT_EQ((*lease)->id(), 1);
  }
  EXPECT_EQ(pool.created(), 1u);
  EXPECT_EQ(pool.idle(), 1u);
}

TEST_F(InstancePoolTest, CreatesMoreWhenBusyAndKeepsAtMostMaxIdle) {
  {
    InstancePool<FakeInstance> pool(Factory(), 2);
    {
      std::vector<InstancePool<FakeInstance>::Lease> leases;
      for (int i = 0; i < 4; ++i) leases.push_back(std::move(pool.Acquire().value()));
      EXPECT_EQ(pool.created(), 4u);
      EXPECT_EQ(g_live.load(), 4);
    }
    EXPECT_EQ(pool.idle(), 2u);
    EXPECT_EQ(g_live.load(), 2);
  }
  EXPECT_EQ(g_live.load(), 0);
}

TEST_F(InstancePoolTest, TrapDiscardsTheInstanceAndTheNextCallGetsAFreshOne) {
  InstancePool<FakeInstance> pool(Factory(), 2);
  int poisoned = 0;
  const CallPolicy policy = Policy(false, &poisoned);
  Result<int> r = CallPooled(pool, policy,
                             [](FakeInstance&) -> Result<int> { return TrapError("unreachable"); });
  EXPECT_EQ(r.status().code(), StatusCode::kTrap);
  EXPECT_EQ(pool.idle(), 0u);
  EXPECT_EQ(pool.discarded(), 1u);
  r = CallPooled(pool, policy, [](FakeInstance& i) -> Result<int> { return i.id(); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 2);
  r = CallPooled(pool, policy,
                 [](FakeInstance&) -> Result<int> { return GuestAbiError("bad pointer"); });
  EXPECT_EQ(r.status().code(), StatusCode::kGuestAbiViolation);
  EXPECT_EQ(poisoned, 2);
  EXPECT_EQ(pool.discarded(), 2u);
  EXPECT_EQ(pool.created(), 2u);
}

TEST_F(InstancePoolTest, AnyOtherErrorAlsoDiscardsButKeepsItsCode) {
  InstancePool<FakeInstance> pool(Factory(), 2);
  int discards = 0;
  Result<int> r = CallPooled(pool, Policy(true, &discards), [](FakeInstance&) -> Result<int> {
    return InternalError("instance unusable");
  });
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_EQ(pool.idle(), 0u);
  EXPECT_EQ(discards, 1);
}

TEST_F(InstancePoolTest, TrapAfterRefusedGrowthIsResourceExhausted) {
  InstancePool<FakeInstance> pool(Factory(), 2);
  int discards = 0;
  auto trap = [](FakeInstance&) -> Result<int> { return TrapError("unreachable executed"); };
  Result<int> r = CallPooled(pool, Policy(true, &discards), trap);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("16 pages"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("unreachable executed"), std::string::npos);
  // Without a refused growth a trap stays a trap; with no check at all too.
  r = CallPooled(pool, Policy(false, &discards), trap);
  EXPECT_EQ(r.status().code(), StatusCode::kTrap);
  r = CallPooled(pool, CallPolicy{}, trap);
  EXPECT_EQ(r.status().code(), StatusCode::kTrap);
  // A guest ABI violation is never reclassified.
  r = CallPooled(pool, Policy(true, &discards),
                 [](FakeInstance&) -> Result<int> { return GuestAbiError("bad"); });
  EXPECT_EQ(r.status().code(), StatusCode::kGuestAbiViolation);
  EXPECT_EQ(discards, 3);
  EXPECT_EQ(pool.discarded(), 4u);
}

TEST_F(InstancePoolTest, FactoryFailureIsReturned) {
  InstancePool<FakeInstance> pool(Factory(), 2);
  fail_ = true;
  EXPECT_EQ(pool.Prime(1).code(), StatusCode::kUnavailable);
  Result<int> r = CallPooled(pool, Policy(), [](FakeInstance&) -> Result<int> { return 0; });
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  fail_ = false;
  EXPECT_TRUE(pool.Acquire().ok());
}

TEST_F(InstancePoolTest, ConcurrentCallsWithTraps) {
  constexpr int kThreads = 8;
  constexpr int kCalls = 2000;
  {
    InstancePool<FakeInstance> pool(Factory(), 4);
    std::atomic<uint64_t> poisoned{0}, wrong{0};
    CallPolicy policy;
    policy.on_discard = [&] { poisoned.fetch_add(1); };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kCalls; ++i) {
          bool trap = (i + t) % 5 == 0;
          Result<int> r = CallPooled(pool, policy, [&](FakeInstance&) -> Result<int> {
            if (trap) return TrapError("t");
            return i;
          });
          if (trap ? r.status().code() != StatusCode::kTrap : !r.ok() || *r != i) {
            wrong.fetch_add(1);
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(wrong.load(), 0u);
    EXPECT_EQ(poisoned.load(), uint64_t{kThreads} * kCalls / 5);
    EXPECT_EQ(pool.discarded(), poisoned.load());
    EXPECT_LE(pool.idle(), 4u);
    EXPECT_EQ(static_cast<uint64_t>(g_live.load()), pool.idle());
  }
  EXPECT_EQ(g_live.load(), 0);
}

TEST_F(InstancePoolTest, ParkedInstancesAreReusedCountedAndReturnedAtThreadExit) {
  {
    InstancePool<FakeInstance> pool(Factory(), 4);
    const CallPolicy policy = Policy();
    auto id = [](FakeInstance& i) -> Result<int> { return i.id(); };
    for (int i = 0; i < 3; ++i) EXPECT_EQ(*CallPooled(pool, policy, id), 1);
    EXPECT_EQ(pool.created(), 1u);
    EXPECT_EQ(pool.idle(), 1u);  // parked, still counted
    EXPECT_EQ(pool.calls(), 3u);
    std::thread([&] {
      for (int i = 0; i < 3; ++i) EXPECT_EQ(*CallPooled(pool, policy, id), 2);
    }).join();  // its parked instance goes back to its slot
    EXPECT_EQ(pool.idle(), 2u);
    EXPECT_EQ(pool.calls(), 6u);
    EXPECT_EQ(g_live.load(), 2);
  }
  EXPECT_EQ(g_live.load(), 0);
}

TEST_F(InstancePoolTest, PoolDestroyedWhileAnotherThreadHasParked) {
  auto pool = std::make_unique<InstancePool<FakeInstance>>(Factory(), 2);
  std::promise<void> parked, destroyed;
  std::thread t([&] {
    auto one = [](FakeInstance&) -> Result<int> { return 1; };
    ASSERT_TRUE(CallPooled(*pool, Policy(), one).ok());
    parked.set_value();
    destroyed.get_future().wait();
    // The stale entry must not stop parking in a new pool.
    InstancePool<FakeInstance> next(Factory(), 2);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(CallPooled(next, Policy(), one).ok());
    EXPECT_EQ(next.created(), 1u);
    EXPECT_EQ(next.idle(), 1u);
  });
  parked.get_future().wait();
  EXPECT_EQ(g_live.load(), 1);
  pool.reset();  // deletes the other thread's parked instance
  EXPECT_EQ(g_live.load(), 0);
  destroyed.set_value();
  t.join();
  EXPECT_EQ(g_live.load(), 0);
}

}  // namespace
}  // namespace warden::host
