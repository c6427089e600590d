;; trap_module.wat — a tiny guest for the wasm2c runtime tests (test/host/wasm_rt_test.cc).
;; One export per way a guest can stop, plus normal exports whose results the tests check.
(module
  (import "env" "host_call" (func $host_call (param i32) (result i32)))
  ;; The tests lower the cap below 64 pages with warden_rt_memory_cap().
  (memory (export "memory") 1 64)
  (table 3 funcref)
  (elem (i32.const 0) $add $square)
  (type $binary (func (param i32 i32) (result i32)))

  ;; Normal: a + b, and a small loop that touches memory so results depend on real work.
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func $square (param i32) (result i32)
    local.get 0 local.get 0 i32.mul)
  ;; Stores 0..n-1 at [0..4n) and returns their sum read back from memory.
  (func (export "sum_to") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.set $i (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (i32.add (local.get $acc)
        (i32.load (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    local.get $acc)

  ;; Traps.
  (func (export "unreachable") unreachable)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load)
  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))
  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s)
  ;; Table slot 0 is (i32 i32)->i32, slot 1 is (i32)->i32, slot 2 is null.
  (func (export "call_binary") (param $slot i32) (param i32 i32) (result i32)
    (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get $slot)))

  ;; memory.grow's raw result: the old page count, or -1 past the cap.
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  ;; What a guest malloc does when the host refuses memory: give up with `unreachable`.
  (func (export "grow_or_abort") (param i32) (result i32)
    (if (i32.eq (memory.grow (local.get 0)) (i32.const -1)) (then unreachable))
    memory.size)
  (func (export "pages") (result i32) memory.size)

  ;; Calls the host, which may re-enter a guest or trap itself.
  (func (export "call_host") (param i32) (result i32)
    (i32.add (call $host_call (local.get 0)) (i32.const 1)))
)
