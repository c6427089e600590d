// instance_pool.h — a pool of reusable sandbox instances and the call policy around it.
//
// Generic over the instance type so the policy is tested with a fake (test/host/
// instance_pool_test.cc) and used with witgen's wasm2c::Instance by the wasm2c engine.
// Instantiating a guest costs a memory allocation and data-segment copy; a call on a warm
// instance costs neither, and the guest resets its own arena after every call, so instances
// are reused until a call on one fails. See docs/engines.md.
//
// Parking (the per-thread fast path): after a successful call through CallPooled, a thread may
// keep its instance in a thread-local "parked" entry instead of returning it to a slot. The
// instance still occupies a slot (the slot holds a marker), so idle() and the max_idle cap
// count it, and the pool still owns it (it deletes parked instances when destroyed). The
// thread's next CallPooled on the same pool takes and puts back the parked instance with plain
// thread-local loads and stores: no atomic read-modify-write on a warm call. At most
// max_idle / 2 instances are parked (none when max_idle is 1), so other threads always keep
// shared slots. A failed call on a parked instance discards it like any other; a thread that
// exits returns its parked instance to the slot, unless the pool is gone.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "warden/result.h"
#include "warden/status.h"

namespace warden::host {

namespace pool_internal {
// The pools alive in the process (by id), so a thread that exits can tell whether the pool of
// its parked instance still exists. Leaked on purpose: threads may exit during static
// destruction.
inline std::mutex& RegistryMutex() {
  static auto* mu = new std::mutex;
  return *mu;
}
inline std::unordered_set<uint64_t>& LivePools() {  // guarded by RegistryMutex()
  static auto* live = new std::unordered_set<uint64_t>;
  return *live;
}
// Ids are never reused, so a stale thread-local entry never matches a newer pool.
inline std::atomic<uint64_t> g_next_pool_id{1};
// Incremented (under RegistryMutex()) whenever a pool is destroyed.
inline std::atomic<uint64_t> g_pools_destroyed{0};
}  // namespace pool_internal

template <class T>
class InstancePool {
 public:
  using Factory = std::function<Result<std::unique_ptr<T>>()>;

  // `factory` makes a fresh instance (it is called without the pool's lock held, possibly
  // from several threads at once). At most `max_idle` instances are kept between calls.
  InstancePool(Factory factory, size_t max_idle)
      : factory_(std::move(factory)),
        max_idle_(max_idle),
        max_parked_(max_idle / 2),
        id_(pool_internal::g_next_pool_id.fetch_add(1)),
        slots_(std::make_unique<std::atomic<T*>[]>(max_idle)),
        parked_(std::make_unique<std::atomic<T*>[]>(max_idle)),
        slot_calls_(std::make_unique<std::atomic<uint64_t>[]>(max_idle)) {
    std::lock_guard<std::mutex> lock(pool_internal::RegistryMutex());
    pool_internal::LivePools().insert(id_);
  }
  // No call may be in flight. Parked instances of other threads are deleted here; those
  // threads' entries go stale (they are recognised by id and never used).
  ~InstancePool() {
    {
      std::lock_guard<std::mutex> lock(pool_internal::RegistryMutex());
      pool_internal::LivePools().erase(id_);
      pool_internal::g_pools_destroyed.fetch_add(1, std::memory_order_release);
    }
    for (size_t i = 0; i < max_idle_; ++i) {
      T* held = slots_[i].exchange(nullptr, std::memory_order_acquire);
      delete (held == Marker() ? parked_[i].exchange(nullptr, std::memory_order_acquire) : held);
    }
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
  // Calls made through CallPooled so far (including those whose Acquire failed). Calls on a
  // parked instance are counted in its slot's counter, which only the parking thread writes
  // (a plain load and store, no read-modify-write).
  uint64_t calls() const {
    uint64_t n = shared_calls_.load(std::memory_order_relaxed);
    for (size_t i = 0; i < max_idle_; ++i) n += slot_calls_[i].load(std::memory_order_relaxed);
    return n;
  }
  // Instances destroyed through Lease::Discard() or a failed call on a parked instance.
  uint64_t discarded() const { return discarded_.load(std::memory_order_relaxed); }

  // The parking fast path, used by CallPooled (see the file comment). All on the calling
  // thread. TakeParked: this thread's parked instance of this pool, or null (none, or in use
  // by an outer call); the call is counted. CountSharedCall: counts a call that does not use a
  // parked instance. Repark: puts it back after a successful call. DropParked: destroys it
  // after a failed call and frees its slot. TryPark: parks the lease's instance when this
  // thread has no parked instance and the parking quota allows; else leaves the lease alone.
  T* TakeParked() {
    Parked& p = Tls();
    if (p.pool_id != id_ || p.instance == nullptr) return nullptr;
    std::atomic<uint64_t>& calls = slot_calls_[p.slot];
    calls.store(calls.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    return std::exchange(p.instance, nullptr);
  }
  void CountSharedCall() { shared_calls_.fetch_add(1, std::memory_order_relaxed); }
  void Repark(T* instance) { Tls().instance = instance; }
  void DropParked(T* instance) {
    Parked& p = Tls();
    const size_t slot = p.slot;
    p.Clear();
    delete instance;
    discarded_.fetch_add(1, std::memory_order_relaxed);
    Unpark(slot, nullptr);
  }
  void TryPark(Lease& lease) {
    if (max_parked_ == 0 || lease.instance_ == nullptr) return;
    Parked& p = Tls();
    if (!TlsFree(p) || parked_count_.load(std::memory_order_relaxed) >= max_parked_) return;
    for (size_t i = 0; i < max_idle_; ++i) {
      T* empty = nullptr;
      if (slots_[i].load(std::memory_order_relaxed) != nullptr ||
          !slots_[i].compare_exchange_strong(empty, Marker(), std::memory_order_acquire,
                                             std::memory_order_relaxed)) {
        continue;
      }
      if (parked_count_.fetch_add(1, std::memory_order_relaxed) >= max_parked_) {
        parked_count_.fetch_sub(1, std::memory_order_relaxed);
        slots_[i].store(nullptr, std::memory_order_release);
        return;
      }
      parked_[i].store(lease.instance_.get(), std::memory_order_release);
      p.pool_id = id_;
      p.epoch = pool_internal::g_pools_destroyed.load(std::memory_order_acquire);
      p.pool = this;
      p.slot = i;
      p.instance = lease.instance_.release();
      return;
    }
  }

 private:
  // A thread's parked instance (at most one per thread and instance type).
  struct Parked {
    uint64_t pool_id = 0;  // 0: nothing parked
    uint64_t epoch = 0;    // g_pools_destroyed when last known to be live
    InstancePool* pool = nullptr;
    size_t slot = 0;
    T* instance = nullptr;  // null while a call uses it
    void Clear() {
      pool_id = 0;
      pool = nullptr;
      instance = nullptr;
    }
    // Thread exit: gives the instance back to its slot if the pool still exists.
    ~Parked() {
      if (pool_id == 0) return;
      std::lock_guard<std::mutex> lock(pool_internal::RegistryMutex());
      if (pool_internal::LivePools().count(pool_id) != 0) pool->Unpark(slot, instance);
    }
  };
  static Parked& Tls() {
    static thread_local Parked parked;
    return parked;
  }
  // The marker a parked instance's slot holds (never dereferenced).
  static T* Marker() {
    static const char marker = 0;
    return reinterpret_cast<T*>(const_cast<char*>(&marker));
  }
  // True when this thread can park: nothing parked, or only an instance of a destroyed pool
  // (then the entry is cleared; that pool deleted the instance).
  bool TlsFree(Parked& p) {
    if (p.pool_id == 0) return true;
    if (p.pool_id == id_) return false;
    const uint64_t epoch = pool_internal::g_pools_destroyed.load(std::memory_order_acquire);
    if (epoch == p.epoch) return false;  // no pool was destroyed since we last looked
    std::lock_guard<std::mutex> lock(pool_internal::RegistryMutex());
    if (pool_internal::LivePools().count(p.pool_id) != 0) {
      p.epoch = epoch;
      return false;
    }
    p.Clear();
    return true;
  }
  // Ends a parking: `instance` (may be null) takes the slot's place of the marker.
  void Unpark(size_t slot, T* instance) {
    parked_[slot].store(nullptr, std::memory_order_relaxed);
    parked_count_.fetch_sub(1, std::memory_order_relaxed);
    slots_[slot].store(instance, std::memory_order_release);
  }

  // Idle instances sit in fixed slots; taking or returning one is one atomic exchange on an
  // uncontended slot (no lock), which keeps a warm call's pool cost to a few nanoseconds.
  std::unique_ptr<T> TakeIdle() {
    for (size_t i = 0; i < max_idle_; ++i) {
      T* instance = slots_[i].load(std::memory_order_relaxed);
      if (instance == nullptr || instance == Marker()) continue;  // a marker stays put
      if (slots_[i].compare_exchange_strong(instance, nullptr, std::memory_order_acquire,
                                            std::memory_order_relaxed)) {
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
  const size_t max_parked_;
  const uint64_t id_;
  // max_idle_ slots, each null, an idle instance owned by the pool, or Marker() when the
  // instance is parked by a thread; parked_[i] is then that instance (else null).
  const std::unique_ptr<std::atomic<T*>[]> slots_;
  const std::unique_ptr<std::atomic<T*>[]> parked_;
  std::atomic<size_t> parked_count_{0};
  // Per slot: calls on the instance parked there (written only by the parking thread).
  const std::unique_ptr<std::atomic<uint64_t>[]> slot_calls_;
  std::atomic<uint64_t> shared_calls_{0};
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

// Applies the trap policy to a failed call's result (see CallPooled).
template <class R>
[[gnu::cold]] void ApplyTrapPolicy(const CallPolicy& policy, R& result) {
  Status status = result.status();
  if (status.code() == StatusCode::kTrap && policy.memory_exhausted &&
      policy.memory_exhausted()) {
    status = ResourceExhaustedError("guest ran out of memory (limit " +
                                    std::to_string(policy.memory_limit_pages) +
                                    " pages): " + status.message());
  }
  if (policy.on_discard) policy.on_discard();
  result = R(std::move(status));
}

// Runs `call(instance)` on a pooled instance and applies the trap policy: when the call's
// Result is not OK (kTrap, kGuestAbiViolation, or anything else: an interrupted call may have
// left guest state mid-update, and witgen's instances refuse further calls after any failure)
// the instance is discarded and the next call gets another. A kTrap for which
// policy.memory_exhausted() is true is reported as kResourceExhausted; other errors are
// returned as they are.
// After a successful call the instance may stay parked for this thread (see the file
// comment); this thread's next call then takes it without touching the shared slots.
template <class T, class Call>
auto CallPooled(InstancePool<T>& pool, const CallPolicy& policy, Call&& call)
    -> decltype(call(std::declval<T&>())) {
  using R = decltype(call(std::declval<T&>()));
  if (T* parked = pool.TakeParked()) [[likely]] {  // this thread's own instance
    R result = call(*parked);
    if (result.ok()) [[likely]] {
      pool.Repark(parked);
    } else {
      pool.DropParked(parked);
      ApplyTrapPolicy(policy, result);
    }
    return result;
  }
  pool.CountSharedCall();
  WARDEN_ASSIGN_OR_RETURN(typename InstancePool<T>::Lease lease, pool.Acquire());
  R result = call(*lease);
  if (result.ok()) [[likely]] {
    pool.TryPark(lease);
  } else {
    lease.Discard();
    ApplyTrapPolicy(policy, result);
  }
  return result;
}

}  // namespace warden::host
