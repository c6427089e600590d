// The bot matcher (see matcher.h).
#include "core/bot/matcher.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>

#include "core/common/bytes.h"

namespace warden::core::bot {
namespace {

// True where every linear-memory load costs a bounds check (the wasm module, run by wasm2c):
// a few loops there trade native speed for fewer loads. WARDEN_CHECKED_LOADS selects the same
// code natively, so that tests and fuzz targets can cover it.
#if defined(__wasm__) || defined(WARDEN_CHECKED_LOADS)
constexpr bool kCheckedLoads = true;
#else
constexpr bool kCheckedLoads = false;
#endif

// The eight bytes at `p`, p[0] in the low byte: one load instead of eight.
inline uint64_t Load8(const unsigned char* p) { return LoadLittleEndian64(p); }

// The four bytes at `p`, in host order (compared with another Load4 only).
inline uint32_t Load4(const unsigned char* p) {
  uint32_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// memcmp(a, b, n) == 0 for short strings (keywords), inline and with at most two loads of each
// side up to 16 bytes: the wasm module's memcmp is a bytewise loop of bounds-checked loads.
inline bool SameBytes(const unsigned char* a, const unsigned char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (Load8(a + i) != Load8(b + i)) return false;
    }
    return Load8(a + n - 8) == Load8(b + n - 8);  // may overlap the last word compared
  }
  if (n >= 4) return Load4(a) == Load4(b) && Load4(a + n - 4) == Load4(b + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// The automaton's arrays as locals of the scan loops (a copy the compiler keeps in registers:
// stores to the match bitset cannot alias it).
struct Automaton {
  const uint8_t* class_map;
  const AcSlot* slots;
  const uint16_t* dense;
  uint32_t dense_end;  // states below are shallow (a dense row), above deep (a slot)
  uint32_t output_from;
};
inline Automaton ArraysOf(const Tables& t) {
  return {t.class_map.data(), t.slots.data(), t.dense.data(),
          static_cast<uint32_t>(t.dense_slots.size()) << t.dense_shift, t.dense_output_from};
}

// Per-call state: which patterns matched (a bitset), which regex patterns are candidates. Both
// live on the stack for tables of up to kInlinePatterns patterns / kInlineCandidates candidates
// and spill to the heap beyond. The bitset is not cleared up front: a second bitset over its
// words says which words have been written, so a call touches only the words it uses.
class Scan {
 public:
  static constexpr size_t kInlinePatterns = 8192;
  static constexpr size_t kInlineCandidates = 64;
  static constexpr size_t kStreams = 4;        // segments scanned side by side
  static constexpr size_t kStreamsFrom = 64;   // UAs shorter than this are scanned in one pass

  __attribute__((always_inline)) Scan(const Tables& tables, std::string_view ua,
                                      bool single_scan = false)
      : t_(tables),
        a_(CopyFor(static_cast<AutomatonCopyType*>(nullptr), tables)),
        ua_(reinterpret_cast<const unsigned char*>(ua.data())),
        n_(ua.size()),
        words_((tables.patterns.size() + 63) / 64),
        single_scan_(single_scan) {
    if (words_ > kInlinePatterns / 64) {
      Heap().matched.assign(words_ + (words_ + 63) / 64, 0);
      matched_ = heap_->matched.data();
      written_ = matched_ + words_;
    }
    for (uint16_t p : tables.always_candidates) AddCandidate(p);
  }
  Scan(const Scan&) = delete;
  Scan& operator=(const Scan&) = delete;

  // One pass of the automaton: confirms literal patterns, collects regex candidates.
  //
  // The step from one byte to the next is a dependent load, so one automaton over the UA runs
  // at the latency of a load per byte. Longer UAs are cut into kStreams segments scanned side
  // by side, each from the root, which the CPU overlaps. A stream that starts at the root in
  // the middle of the UA misses only keywords that begin before its start, so the stream on
  // its left runs on past the cut until its state's string lies inside the next segment (a
  // dense state no deeper than its distance from the cut): from there both are in the same
  // state. Keywords seen twice are harmless (matches and candidates are sets).
  // `a` is ArraysOf(the scan's tables); see ClassifyIds for why it is a parameter.
  __attribute__((always_inline)) void RunAutomaton(const Automaton& a) {
    if (n_ >= kStreamsFrom && !single_scan_) {
      RunStreams(a);
    } else {
      Finish(a, Walk(a, 0, n_), n_);
    }
  }

  // Runs the DFA of every candidate of `kind` that has not matched yet (once each).
  void ConfirmCandidates(PatternKind kind) {
    for (size_t i = 0; i < candidate_count_; ++i) {
      const uint16_t p = Candidate(i);
      const PatternInfo& info = t_.patterns[p];
      if (info.kind == kind && !IsMatched(p) && RunDfa(t_.regexes[info.regex])) SetMatched(p);
    }
  }

  // Calls f(pattern index) for every matched pattern, ascending.
  template <class F>
  __attribute__((always_inline)) void ForEachMatched(F f) const {
    for (size_t x = 0; x < (words_ + 63) / 64; ++x) {
      for (uint64_t words = written_[x]; words != 0; words &= words - 1) {
        const size_t w = x * 64 + static_cast<size_t>(__builtin_ctzll(words));
        for (uint64_t bits = matched_[w]; bits != 0; bits &= bits - 1) {
          f(static_cast<uint16_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
        }
      }
    }
  }

 private:
  bool Written(size_t w) const { return (written_[w >> 6] >> (w & 63)) & 1; }
  bool IsMatched(uint16_t p) const {
    return Written(p >> 6) && ((matched_[p >> 6] >> (p & 63)) & 1);
  }
  void SetMatched(uint16_t p) {
    const size_t w = p >> 6;
    if (!Written(w)) {
      matched_[w] = 0;
      written_[w >> 6] |= uint64_t{1} << (w & 63);
    }
    matched_[w] |= uint64_t{1} << (p & 63);
  }
  uint16_t Candidate(size_t i) const {
    return i < kInlineCandidates ? inline_candidates_[i]
                                 : heap_->candidates[i - kInlineCandidates];
  }

  void AddCandidate(uint16_t p) {
    for (size_t i = 0; i < candidate_count_; ++i) {
      if (Candidate(i) == p) return;
    }
    if (candidate_count_ < kInlineCandidates) {
      inline_candidates_[candidate_count_] = p;
    } else {
      Heap().candidates.push_back(p);
    }
    ++candidate_count_;
  }

  // One step from state `v` (row << shift if shallow, dense_end + slot if deep), reached at
  // byte offset `at`, on `byte`. The keywords ending at a state are processed when the scan
  // leaves it (or ends there: Finish), so a step from a shallow state where none ends is one
  // comparison and one lookup.
  __attribute__((always_inline)) uint32_t Step(const Automaton& a, uint32_t v,
                                               unsigned char byte, size_t at) {
    const uint32_t c = a.class_map[byte];
    if (v < a.output_from) [[likely]] return a.dense[v + c];
    return SlowStep(v, c, at);
  }

  // Step from a state with keywords or a deep one. Out of line: rare on ordinary text, and it
  // keeps the four streams' variables in registers. It takes no Automaton (see a_): the
  // caller's copy would escape, and wasm code then reloads its fields from memory at each step.
  __attribute__((noinline)) uint32_t SlowStep(uint32_t v, uint32_t c, size_t at) {
    const Automaton a = FromCopy(a_);
    Finish(a, v, at);
    return v < a.dense_end ? a.dense[v + c] : DeepStep(a, v - a.dense_end, c);
  }

  // Processes the keywords ending at state `v`, reached at byte offset `at`.
  __attribute__((always_inline)) void Finish(const Automaton& a, uint32_t v, size_t at) {
    if (v < a.output_from) return;
    const uint16_t list = v < a.dense_end ? a.slots[t_.dense_slots[v >> t_.dense_shift]].out
                                          : a.slots[v - a.dense_end].out;
    if (list != 0) Hits(list, at);
  }

  // A step from deep slot `s` on class `c`: the goto target if there is one, else through
  // failure links (which end in a dense row).
  uint32_t DeepStep(const Automaton& a, uint32_t s, uint32_t c) const {
    for (;;) {
      const AcSlot& state = a.slots[s];
      const uint32_t next = state.base + c;  // in range: the compiler pads the array
      if (a.slots[next].check == s) return a.dense_end + next;
      if (state.fail & kDenseState) {
        return a.dense[((state.fail & ~kDenseState) << t_.dense_shift) + c];
      }
      s = state.fail;
    }
  }

  // Runs the automaton from the root over ua_[from, to); returns the state at `to`, whose
  // keywords are not processed yet.
  __attribute__((always_inline)) uint32_t Walk(const Automaton& a, size_t from, size_t to) {
    uint32_t v = 0;
    size_t i = from;
    for (; i + 8 <= to; i += 8) {
      uint64_t bytes = Load8(ua_ + i);
#pragma clang loop unroll(full)
      for (size_t k = 0; k < 8; ++k, bytes >>= 8) v = WalkStep(a, v, bytes & 0xff, i + k);
    }
    for (; i < to; ++i) v = WalkStep(a, v, ua_[i], i);
    return v;
  }

  // Step() with its slow path inline: one stream leaves registers to spare (measured).
  __attribute__((always_inline)) uint32_t WalkStep(const Automaton& a, uint32_t v,
                                                   unsigned char byte, size_t at) {
    const uint32_t c = a.class_map[byte];
    if (v < a.output_from) [[likely]] return a.dense[v + c];
    Finish(a, v, at);
    return v < a.dense_end ? a.dense[v + c] : DeepStep(a, v - a.dense_end, c);
  }

  // kStreams segments side by side, then each stream but the last runs past its cut until it
  // is in the state of the stream on its right (see RunAutomaton).
  __attribute__((always_inline)) void RunStreams(const Automaton& a) {
    const size_t len = n_ / kStreams;
    const unsigned char* ua = ua_;
    uint32_t v0 = 0, v1 = 0, v2 = 0, v3 = 0;
    static_assert(kStreams == 4);
    size_t i = 0;
    // Eight bytes of each segment per load (one bounds check each in wasm2c), then bytewise.
    for (; i + 8 <= len; i += 8) {
      uint64_t b0 = Load8(ua + i), b1 = Load8(ua + len + i);
      uint64_t b2 = Load8(ua + 2 * len + i), b3 = Load8(ua + 3 * len + i);
#pragma clang loop unroll(full)
      for (size_t k = 0; k < 8; ++k) {
        v0 = Step(a, v0, b0 & 0xff, i + k);
        v1 = Step(a, v1, b1 & 0xff, len + i + k);
        v2 = Step(a, v2, b2 & 0xff, 2 * len + i + k);
        v3 = Step(a, v3, b3 & 0xff, 3 * len + i + k);
        b0 >>= 8, b1 >>= 8, b2 >>= 8, b3 >>= 8;
      }
    }
    for (; i < len; ++i) {
      v0 = Step(a, v0, ua[i], i);
      v1 = Step(a, v1, ua[len + i], len + i);
      v2 = Step(a, v2, ua[2 * len + i], 2 * len + i);
      v3 = Step(a, v3, ua[3 * len + i], 3 * len + i);
    }
    for (size_t i = 4 * len; i < n_; ++i) v3 = Step(a, v3, ua[i], i);
    Finish(a, v3, n_);
    Settle(a, v0, len);
    Settle(a, v1, 2 * len);
    Settle(a, v2, 3 * len);
  }

  // Continues a stream in state `v` at offset `cut` until its state's string lies past `cut`
  // (a dense state no deeper than its distance from the cut): the stream on the right is in
  // the same state there and processes it.
  void Settle(const Automaton& a, uint32_t v, size_t cut) {
    for (size_t i = cut; i < n_; ++i) {
      if (v < a.dense_end && i - cut >= t_.dense_depths[v >> t_.dense_shift]) return;
      v = Step(a, v, ua_[i], i);
    }
    Finish(a, v, n_);
  }

  // Keywords of output list `list` end at byte offset `end`. Out of line: rare.
  __attribute__((noinline)) void Hits(uint16_t list, size_t end) {
    const uint16_t* outputs = t_.outputs.data();
    const auto* text = reinterpret_cast<const unsigned char*>(t_.text.data());
    const uint16_t count = outputs[list];
    for (uint16_t k = 1; k <= count; ++k) {
      const Keyword& kw = t_.keywords[outputs[list + k]];
      if (IsMatched(kw.pattern)) continue;
      if (kw.flags & kKeywordRegex) {
        AddCandidate(kw.pattern);
        continue;
      }
      const size_t start = end - kw.length;
      if ((kw.flags & kKeywordBol) && start != 0) continue;
      if ((kw.flags & kKeywordEol) && end != n_) continue;
      if ((kw.flags & kKeywordExact) &&
          !SameBytes(ua_ + start, text + kw.text, kw.length)) {
        continue;
      }
      SetMatched(kw.pattern);
    }
  }

  bool RunDfa(const RegexInfo& r) const {
    const uint8_t* map = t_.regex_class_maps.data() + size_t{r.class_map} * 256;
    const uint16_t* table = t_.regex_tables.data() + r.table;
    const unsigned char* ua = ua_;
    const size_t n = n_;
    uint32_t v = 0;
    size_t i = 0;
    // Natively bytewise: reading eight bytes per load costs native time (an early exit per
    // byte in the unrolled body; measured). In wasm, where every load is a bounds check in the
    // wasm2c build, it saves one of the three loads per byte.
    if constexpr (kCheckedLoads) {
      for (; i + 8 <= n; i += 8) {
        uint64_t bytes = Load8(ua + i);
#pragma clang loop unroll(full)
        for (size_t k = 0; k < 8; ++k, bytes >>= 8) {
          v = table[v + map[bytes & 0xff]];
          if (v >= kDfaDead) return v == kDfaAccept;
        }
      }
    }
    for (; i < n; ++i) {
      v = table[v + map[ua[i]]];
      if (v >= kDfaDead) return v == kDfaAccept;
    }
    return t_.regex_at_end[r.at_end + v / r.classes] != 0;
  }

  const Tables& t_;
  // SlowStep's automaton. Natively a copy made per scan (measured faster than rebuilding it
  // at each slow step on keyword-rich UAs); in wasm none: SlowStep rebuilds it from t_, which
  // saves the copy's five stores per scan (slow steps are few there).
  struct NoCopy {};
  using AutomatonCopyType = std::conditional_t<kCheckedLoads, NoCopy, Automaton>;
  static NoCopy CopyFor(NoCopy*, const Tables&) { return {}; }
  static Automaton CopyFor(Automaton*, const Tables& t) { return ArraysOf(t); }
  Automaton FromCopy(const NoCopy&) const { return ArraysOf(t_); }
  static Automaton FromCopy(const Automaton& a) { return a; }
  [[no_unique_address]] const AutomatonCopyType a_;
  const unsigned char* ua_;
  size_t n_;
  size_t words_;
  bool single_scan_;  // MatchPatternsForTesting: never cut the UA into streams
  uint64_t inline_matched_[kInlinePatterns / 64];
  uint64_t inline_written_[kInlinePatterns / 64 / 64] = {};  // bit w: matched_[w] is valid
  uint64_t* matched_ = inline_matched_;
  uint64_t* written_ = inline_written_;
  uint16_t inline_candidates_[kInlineCandidates];
  size_t candidate_count_ = 0;
  // Storage past the inline arrays, allocated on first use (one member to set up per call).
  struct Overflow {
    std::vector<uint64_t> matched;  // the bitset, then its written bits
    std::vector<uint16_t> candidates;
  };
  Overflow& Heap() {
    if (heap_ == nullptr) heap_ = std::make_unique<Overflow>();
    return *heap_;
  }
  std::unique_ptr<Overflow> heap_;
};

// The IDs of a classification as they are found, kept ascending and deduplicated by
// insertion in a small array on the stack (a match names a few IDs), so the result vector is
// allocated once, at its final size. Past kInline IDs it only records that it overflowed:
// SortedIds() then collects them again.
class IdSet {
 public:
  bool empty() const { return size_ == 0; }
  bool overflowed() const { return size_ > kInline; }
  void clear() { size_ = 0; }

  // Adds the IDs of `pattern` if its kind is `kind`.
  void AddIds(const Tables& t, uint16_t pattern, PatternKind kind) {
    const PatternInfo& p = t.patterns[pattern];
    if (p.kind != kind) return;
    for (uint16_t i = 0; i < p.id_count; ++i) Insert(t.id_refs[p.first_id + i]);
  }

  // The IDs, unless overflowed().
  std::span<const uint16_t> ids() const { return std::span<const uint16_t>(ids_, size_); }

 private:
  static constexpr size_t kInline = 32;

  void Insert(uint16_t id) {
    if (size_ > kInline) return;
    size_t i = size_;
    while (i > 0 && ids_[i - 1] > id) --i;
    if (i > 0 && ids_[i - 1] == id) return;
    if (size_ == kInline) {
      size_ = kInline + 1;
      return;
    }
    // Usually none or one to move: a plain loop (unrolled or vectorised, it costs more).
#pragma clang loop unroll(disable) vectorize(disable)
    for (size_t j = size_; j > i; --j) ids_[j] = ids_[j - 1];
    ids_[i] = id;
    ++size_;
  }

  uint16_t ids_[kInline];
  size_t size_ = 0;  // kInline + 1: overflowed
};

// The IDs of every matched pattern of `kind`, ascending and deduplicated (IdSet overflowed).
__attribute__((noinline)) std::vector<uint16_t> SortedIds(const Tables& t, const Scan& scan,
                                                          PatternKind kind) {
  std::vector<uint16_t> ids;
  scan.ForEachMatched([&](uint16_t pattern) {
    const PatternInfo& p = t.patterns[pattern];
    if (p.kind != kind) return;
    for (uint16_t i = 0; i < p.id_count; ++i) ids.push_back(t.id_refs[p.first_id + i]);
  });
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// Where Classify puts its result: the fields of a ClassifiedIds (ClassifyIdsInto).
struct ClassifiedIdsWriter {
  void SetIds(std::span<const uint16_t> ids) {
    std::memcpy(inline_ids, ids.data(), ids.size() * sizeof(uint16_t));
    *count = ids.size();
  }
  void SetIds(std::vector<uint16_t> ids) {
    if (ids.size() <= ClassifiedIds::kInline) {
      SetIds(std::span<const uint16_t>(ids));
    } else {
      *count = ClassifiedIds::kInline + 1;
      *heap = std::move(ids);
    }
  }
  uint16_t* inline_ids;
  size_t* count;
  std::vector<uint16_t>* heap;
  bool* generic;
};

// ClassifyIds. Confirms regex candidates lazily: generic ones only when no named pattern
// matched, vetoes only when a generic one did.
__attribute__((always_inline)) inline void Classify(const Tables& tables,
                                                    std::string_view user_agent,
                                                    ClassifiedIdsWriter& result) {
  IdSet ids;
  Scan scan(tables, user_agent);
  scan.RunAutomaton(ArraysOf(tables));
  scan.ConfirmCandidates(PatternKind::kNamed);
  PatternKind kind = PatternKind::kNamed;
  scan.ForEachMatched([&](uint16_t p) { ids.AddIds(tables, p, PatternKind::kNamed); });
  if (ids.empty()) {
    kind = PatternKind::kGeneric;
    scan.ConfirmCandidates(PatternKind::kGeneric);
    scan.ForEachMatched([&](uint16_t p) { ids.AddIds(tables, p, PatternKind::kGeneric); });
    if (!ids.empty()) {
      scan.ConfirmCandidates(PatternKind::kVeto);
      bool veto = false;
      scan.ForEachMatched([&](uint16_t p) { veto |= tables.patterns[p].kind == PatternKind::kVeto; });
      if (veto) ids.clear();
      *result.generic = !ids.empty();
    }
  }
  if (ids.empty()) return;
  if (ids.overflowed()) {
    result.SetIds(SortedIds(tables, scan, kind));
  } else {
    result.SetIds(ids.ids());
  }
}

}  // namespace

std::vector<uint16_t> MatchPatterns(const Tables& tables, std::string_view user_agent) {
  return MatchPatternsForTesting(tables, user_agent, /*single_scan=*/false);
}

std::vector<uint16_t> MatchPatternsForTesting(const Tables& tables, std::string_view user_agent,
                                              bool single_scan) {
  Scan scan(tables, user_agent, single_scan);
  scan.RunAutomaton(ArraysOf(tables));
  for (PatternKind kind : {PatternKind::kNamed, PatternKind::kGeneric, PatternKind::kVeto}) {
    scan.ConfirmCandidates(kind);
  }
  std::vector<uint16_t> out;
  scan.ForEachMatched([&](uint16_t p) { out.push_back(p); });
  return out;
}

Classification ClassifyIds(const Tables& tables, std::string_view user_agent) {
  ClassifiedIds c;
  ClassifyIdsInto(tables, user_agent, &c);
  const std::span<const uint16_t> ids = c.ids();
  return Classification{std::vector<uint16_t>(ids.begin(), ids.end()), c.generic()};
}

void ClassifyIdsInto(const Tables& tables, std::string_view user_agent, ClassifiedIds* out) {
  ClassifiedIdsWriter writer{out->inline_, &out->count_, &out->heap_, &out->generic_};
  // The production tables get a copy of the scan of their own: where the whole program is
  // optimised at once (the wasm module is built with LTO), their arrays' addresses and sizes
  // are constants there, which frees the registers the scan loop would hold them in.
  const Tables& production = BotTables();
  if (&tables == &production) {
    Classify(production, user_agent, writer);
  } else {
    Classify(tables, user_agent, writer);
  }
}

}  // namespace warden::core::bot
