// instance_pool.h — a pool of reusable sandbox instances and the call policy around it.
//
// Generic over the instance type so the policy is tested with a fake (test/host/
// instance_pool_test.cc) and used with witgen's wasm2c::Instance by the wasm2c engine.
// Instantiating a guest costs a memory allocation and data-segment copy; a call on a warm
// instance costs neither, and the guest resets its own arena after every call, so instances
// are reused until a call on one fails. See docs/engines.md.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "warden/result.h"
#include "warden/status.h"

namespace warden::host {

template <class T>
class InstancePool {
 public:
  using Factory = std::function<Result<std::unique_ptr<T>>()>;

  // `factory` makes a fresh instance (it is called without the pool's lock held, possibly
  // from several threads at once). At most `max_idle` instances are kept between calls.
  InstancePool(Factory factory, size_t max_idle)
      : factory_(std::move(factory)),
        max_idle_(max_idle),
        slots_(std::make_unique<std::atomic<T*>[]>(max_idle)) {}
  ~InstancePool() {
    for (size_t i = 0; i < max_idle_; ++i) delete slots_[i].exchange(nullptr);
  }
  InstancePool(const InstancePool&) = delete;
  InstancePool& operator=(const InstancePool&) = delete;

  // Exclusive use of one instance. Returns it to the pool when destroyed, unless Discard()
  // was called or the pool already holds max_idle instances; then the instance is destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), instance_(std::move(other.instance_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr && instance_ != nullptr) pool_->Return(std::move(instance_));
    }
    T& operator*() const { return *instance_; }
    T* operator->() const { return instance_.get(); }
    // Destroys the instance now; the next Acquire() gets another one.
    void Discard() {
      if (instance_ == nullptr) return;
      instance_.reset();
      pool_->discarded_.fetch_add(1, std::memory_order_relaxed);
    }

   private:
    friend class InstancePool;
    Lease(InstancePool* pool, std::unique_ptr<T> instance)
        : pool_(pool), instance_(std::move(instance)) {}
    InstancePool* pool_;
    std::unique_ptr<T> instance_;
  };

  // An idle instance, or a new one from the factory when none is idle. Fails only with the
  // factory's error. Thread-safe. The pool must outlive the Lease.
  Result<Lease> Acquire() {
    if (std::unique_ptr<T> idle = TakeIdle()) return Lease(this, std::move(idle));
    WARDEN_ASSIGN_OR_RETURN(std::unique_ptr<T> fresh, Create());
    return Lease(this, std::move(fresh));
  }

  // Creates instances until `count` (capped at max_idle) are idle. Fails with the factory's
  // first error.
  Status Prime(size_t count) {
    for (size_t i = idle(); i < count && i < max_idle_; ++i) {
      WARDEN_ASSIGN_OR_RETURN(std::unique_ptr<T> fresh, Create());
      Return(std::move(fresh));
    }
    return Status::Ok();
  }

  size_t idle() const {
    size_t n = 0;
    for (size_t i = 0; i < max_idle_; ++i) {
      if (slots_[i].load(std::memory_order_relaxed) != nullptr) ++n;
    }
    return n;
  }
  // Instances made by the factory so far, replacements included.
  uint64_t created() const { return created_.load(std::memory_order_relaxed); }
  // Instances destroyed through Lease::Discard().
  uint64_t discarded() const { return discarded_.load(std::memory_order_relaxed); }

 private:
  // Idle instances sit in fixed slots; taking or returning one is one atomic exchange on an
  // uncontended slot (no lock), which keeps a warm call's pool cost to a few nanoseconds.
  std::unique_ptr<T> TakeIdle() {
    for (size_t i = 0; i < max_idle_; ++i) {
      if (slots_[i].load(std::memory_order_relaxed) == nullptr) continue;
      if (T* instance = slots_[i].exchange(nullptr, std::memory_order_acquire)) {
        return std::unique_ptr<T>(instance);
      }
    }
    return nullptr;
  }

  Result<std::unique_ptr<T>> Create() {
    Result<std::unique_ptr<T>> made = factory_();
    if (made.ok()) created_.fetch_add(1, std::memory_order_relaxed);
    return made;
  }

  void Return(std::unique_ptr<T> instance) {
    for (size_t i = 0; i < max_idle_; ++i) {
      T* empty = nullptr;
      if (slots_[i].load(std::memory_order_relaxed) == nullptr &&
          slots_[i].compare_exchange_strong(empty, instance.get(), std::memory_order_release,
                                            std::memory_order_relaxed)) {
        instance.release();
        return;
      }
    }
    // Surplus from a burst of concurrency: destroyed here.
  }

  const Factory factory_;
  const size_t max_idle_;
  // max_idle_ slots, each null or an idle instance owned by the pool.
  const std::unique_ptr<std::atomic<T*>[]> slots_;
  std::atomic<uint64_t> created_{0};
  std::atomic<uint64_t> discarded_{0};
};

// How CallPooled classifies and reports a poisoned call.
struct CallPolicy {
  // Asked on the calling thread after a call returned kTrap: true when the trap followed a
  // refused memory growth (the guest ran out of memory and gave up). May be empty.
  std::function<bool()> memory_exhausted;
  // The memory limit, for the kResourceExhausted message.
  uint32_t memory_limit_pages = 0;
  // Called once per discarded instance (for stats). May be empty.
  std::function<void()> on_discard;
};

// Runs `call(instance)` on a pooled instance and applies the trap policy: when the call's
// Result is not OK (kTrap, kGuestAbiViolation, or anything else: an interrupted call may have
// left guest state mid-update, and witgen's instances refuse further calls after any failure)
// the instance is discarded and the next call gets another. A kTrap for which
// policy.memory_exhausted() is true is reported as kResourceExhausted; other errors are
// returned as they are.
template <class T, class Call>
auto CallPooled(InstancePool<T>& pool, const CallPolicy& policy, Call&& call)
    -> decltype(call(std::declval<T&>())) {
  using R = decltype(call(std::declval<T&>()));
  WARDEN_ASSIGN_OR_RETURN(typename InstancePool<T>::Lease lease, pool.Acquire());
  R result = call(*lease);  // returned in place (one return statement: NRVO)
  if (!result.ok()) [[unlikely]] {
    Status status = result.status();
    if (status.code() == StatusCode::kTrap && policy.memory_exhausted &&
        policy.memory_exhausted()) {
      status = ResourceExhaustedError("guest ran out of memory (limit " +
                                      std::to_string(policy.memory_limit_pages) +
                                      " pages): " + status.message());
    }
    lease.Discard();
    if (policy.on_discard) policy.on_discard();
    result = R(std::move(status));
  }
  return result;
}

}  // namespace warden::host
