// The bot matcher (see matcher.h).
#include "core/bot/matcher.h"

#include <algorithm>
#include <cstring>

namespace warden::core::bot {
namespace {

// Per-call state: which patterns matched (a bitset), which regex patterns are candidates. Both
// live on the stack for tables of up to kInlinePatterns patterns / kInlineCandidates candidates
// and spill to the heap beyond.
class Scan {
 public:
  static constexpr size_t kInlinePatterns = 8192;
  static constexpr size_t kInlineCandidates = 64;

  Scan(const Tables& tables, std::string_view ua)
      : t_(tables),
        ua_(reinterpret_cast<const unsigned char*>(ua.data())),
        n_(ua.size()),
        words_((tables.patterns.size() + 63) / 64) {
    if (words_ > kInlinePatterns / 64) {
      heap_matched_.assign(words_, 0);
      matched_ = heap_matched_.data();
    } else {
      std::memset(inline_matched_, 0, words_ * sizeof(uint64_t));
    }
  }
  Scan(const Scan&) = delete;
  Scan& operator=(const Scan&) = delete;

  // One pass of the automaton: confirms literal patterns, collects regex candidates.
  void RunAutomaton() {
    const uint8_t* class_map = t_.class_map.data();
    const AcSlot* slots = t_.slots.data();
    const uint16_t* dense = t_.dense.data();
    const uint32_t shift = t_.dense_shift;
    const uint32_t dense_end = static_cast<uint32_t>(t_.dense_slots.size()) << shift;
    const uint32_t output_from = t_.dense_output_from;
    const unsigned char* ua = ua_;
    const size_t n = n_;
    uint32_t v = 0;  // the state: row << shift (shallow) or dense_end + slot (deep)
    for (size_t i = 0; i < n; ++i) {
      const uint32_t c = class_map[ua[i]];
      if (v < dense_end) {
        v = dense[v + c];
      } else {
        v = DeepStep(slots, v - dense_end, c, dense_end);
      }
      if (v >= output_from) Output(v, dense_end, i + 1);
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
  void ForEachMatched(F f) const {
    for (size_t w = 0; w < words_; ++w) {
      for (uint64_t bits = matched_[w]; bits != 0; bits &= bits - 1) {
        f(static_cast<uint16_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
      }
    }
  }

 private:
  bool IsMatched(uint16_t p) const { return (matched_[p >> 6] >> (p & 63)) & 1; }
  void SetMatched(uint16_t p) { matched_[p >> 6] |= uint64_t{1} << (p & 63); }
  uint16_t Candidate(size_t i) const {
    return i < kInlineCandidates ? inline_candidates_[i] : heap_candidates_[i - kInlineCandidates];
  }

  void AddCandidate(uint16_t p) {
    for (size_t i = 0; i < candidate_count_; ++i) {
      if (Candidate(i) == p) return;
    }
    if (candidate_count_ < kInlineCandidates) {
      inline_candidates_[candidate_count_] = p;
    } else {
      heap_candidates_.push_back(p);
    }
    ++candidate_count_;
  }

  // A step from deep slot `s` on class `c`; returns the target encoded like a dense entry.
  uint32_t DeepStep(const AcSlot* slots, uint32_t s, uint32_t c, uint32_t dense_end) const {
    for (;;) {
      const AcSlot& state = slots[s];
      const uint32_t next = state.base + c;  // in range: the compiler pads the array
      if (slots[next].check == s) return dense_end + next;
      if (state.fail & kDenseState) {
        return t_.dense[((state.fail & ~kDenseState) << t_.dense_shift) + c];
      }
      s = state.fail;
    }
  }

  // State `v` (>= dense_output_from) was reached at byte offset `end`: process its keywords.
  // Out of line: rare, and it keeps the scan loop's variables in registers.
  __attribute__((noinline)) void Output(uint32_t v, uint32_t dense_end, size_t end) {
    const uint16_t list = v < dense_end ? t_.slots[t_.dense_slots[v >> t_.dense_shift]].out
                                        : t_.slots[v - dense_end].out;
    if (list != 0) Hits(list, end);
  }

  // Keywords of output list `list` end at byte offset `end`.
  void Hits(uint16_t list, size_t end) {
    const uint16_t* outputs = t_.outputs.data();
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
          std::memcmp(ua_ + start, t_.text.data() + kw.text, kw.length) != 0) {
        continue;
      }
      SetMatched(kw.pattern);
    }
  }

  bool RunDfa(const RegexInfo& r) const {
    const uint8_t* map = t_.regex_class_maps.data() + size_t{r.class_map} * 256;
    const uint8_t* table = t_.regex_tables.data() + r.table;
    const uint32_t classes = r.classes;
    const unsigned char* ua = ua_;
    const size_t n = n_;
    uint32_t s = 0;
    for (size_t i = 0; i < n; ++i) {
      s = table[s * classes + map[ua[i]]];
      if (s >= kDfaDead) return s == kDfaAccept;
    }
    return t_.regex_at_end[r.at_end + s] != 0;
  }

  const Tables& t_;
  const unsigned char* ua_;
  size_t n_;
  size_t words_;
  uint64_t inline_matched_[kInlinePatterns / 64];
  uint64_t* matched_ = inline_matched_;
  std::vector<uint64_t> heap_matched_;
  uint16_t inline_candidates_[kInlineCandidates];
  size_t candidate_count_ = 0;
  std::vector<uint16_t> heap_candidates_;
};

void AddIds(const Tables& t, uint16_t pattern, PatternKind kind, std::vector<uint16_t>& ids) {
  const PatternInfo& p = t.patterns[pattern];
  if (p.kind != kind) return;
  for (uint16_t i = 0; i < p.id_count; ++i) ids.push_back(t.id_refs[p.first_id + i]);
}

void SortUnique(std::vector<uint16_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace

std::vector<uint16_t> MatchPatterns(const Tables& tables, std::string_view user_agent) {
  Scan scan(tables, user_agent);
  scan.RunAutomaton();
  for (PatternKind kind : {PatternKind::kNamed, PatternKind::kGeneric, PatternKind::kVeto}) {
    scan.ConfirmCandidates(kind);
  }
  std::vector<uint16_t> out;
  scan.ForEachMatched([&](uint16_t p) { out.push_back(p); });
  return out;
}

// Confirms regex candidates lazily: generic ones only when no named pattern matched, vetoes
// only when a generic one did.
Classification ClassifyIds(const Tables& tables, std::string_view user_agent) {
  Classification result;
  Scan scan(tables, user_agent);
  scan.RunAutomaton();
  scan.ConfirmCandidates(PatternKind::kNamed);
  scan.ForEachMatched([&](uint16_t p) { AddIds(tables, p, PatternKind::kNamed, result.ids); });
  if (result.ids.empty()) {
    scan.ConfirmCandidates(PatternKind::kGeneric);
    scan.ForEachMatched([&](uint16_t p) { AddIds(tables, p, PatternKind::kGeneric, result.ids); });
    if (!result.ids.empty()) {
      scan.ConfirmCandidates(PatternKind::kVeto);
      bool veto = false;
      scan.ForEachMatched([&](uint16_t p) { veto |= tables.patterns[p].kind == PatternKind::kVeto; });
      if (veto) result.ids.clear();
      result.generic = !result.ids.empty();
    }
  }
  SortUnique(result.ids);
  return result;
}

}  // namespace warden::core::bot
