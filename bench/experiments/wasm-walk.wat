;; An experiment, not part of the app: the codec's fast path (walk a frame, look the security id
;; up, apply ticker and full packets to hot/cold records, queue the slot by batch epoch) written
;; by hand in WebAssembly, to measure how close a decoder that is not JavaScript gets to the
;; framing limit. See wasm-walk.ts for the memory layout and bench/analysis.md for the figures.
;;
;; Memory layout (byte offsets given to `setup`):
;;   [0, frameBytes)          the frame being walked, copied in by the host
;;   segments                 16 × {lowId i32, length i32, tableAt i32}: direct id → slot tables
;;   hot                      16 bytes a slot: LTP, LTT, receive time, state (as QuoteCache)
;;   cold                     192 bytes a slot: LTQ at 0, ATP … last depth level from 8 (as QuoteCache)
;;   dirty                    slots queued for the next batch
;;
;; `walk` applies packets until the frame ends or a packet it does not handle (any other code,
;; an unknown instrument, a malformed length): it returns that packet's offset, so the host can
;; hand it to the JavaScript path and resume after it.
(module
  (import "env" "memory" (memory 1))
  (global $segments (mut i32) (i32.const 0))
  (global $hot (mut i32) (i32.const 0))
  (global $cold (mut i32) (i32.const 0))
  (global $dirty (mut i32) (i32.const 0))
  (global $dirtyCount (export "dirtyCount") (mut i32) (i32.const 0))
  ;; the next batch's epoch, in place in the state word (bits 18–30), never 0
  (global $epoch (export "epoch") (mut i32) (i32.const 262144))
  (global $receivedMs (export "receivedMs") (mut i32) (i32.const 0))
  (global $applied (export "applied") (mut i32) (i32.const 0))

  (func (export "setup") (param $segments i32) (param $hot i32) (param $cold i32) (param $dirty i32)
    (global.set $segments (local.get $segments))
    (global.set $hot (local.get $hot))
    (global.set $cold (local.get $cold))
    (global.set $dirty (local.get $dirty)))

  (func (export "walk") (param $at i32) (param $end i32) (result i32)
    (local $code i32) (local $length i32) (local $segment i32) (local $k i32) (local $slot i32)
    (local $hot i32) (local $cold i32) (local $known i32) (local $state i32) (local $differs i32)
    (local $queued i32) (local $applied i32)
    (local.set $queued (global.get $dirtyCount))
    (local.set $applied (global.get $applied))
    (block $stop
      (loop $next
        (br_if $stop (i32.lt_u (i32.sub (local.get $end) (local.get $at)) (i32.const 8)))
        (local.set $code (i32.load8_u (local.get $at)))
        (local.set $length (i32.load16_u offset=1 (local.get $at)))
        (br_if $stop (i32.gt_u (local.get $length) (i32.sub (local.get $end) (local.get $at))))
        ;; the id's slot: its segment's direct table, or stop (unknown segment or id)
        (local.set $segment
          (i32.add (global.get $segments) (i32.mul (i32.load8_u offset=3 (local.get $at)) (i32.const 12))))
        (local.set $k (i32.sub (i32.load offset=4 (local.get $at)) (i32.load (local.get $segment))))
        (br_if $stop (i32.ge_u (local.get $k) (i32.load offset=4 (local.get $segment))))
        (local.set $slot
          (i32.load (i32.add (i32.load offset=8 (local.get $segment)) (i32.shl (local.get $k) (i32.const 2)))))
        (br_if $stop (i32.lt_s (local.get $slot) (i32.const 0)))
        (local.set $hot (i32.add (global.get $hot) (i32.shl (local.get $slot) (i32.const 4))))
        (block $copied
          ;; ticker (2): LTP and LTT, adjacent on the wire and in the hot record
          (if (i32.and (i32.eq (local.get $code) (i32.const 2)) (i32.ge_u (local.get $length) (i32.const 16)))
            (then
              (i64.store (local.get $hot) (i64.load offset=8 (local.get $at)))
              (local.set $known (i32.const 1))
              (br $copied)))
          ;; full (8): LTP, LTT, LTQ and the 144-byte block from ATP to the last depth level
          (br_if $stop (i32.or (i32.ne (local.get $code) (i32.const 8)) (i32.lt_u (local.get $length) (i32.const 162))))
          (i32.store (local.get $hot) (i32.load offset=8 (local.get $at)))
          (i32.store offset=4 (local.get $hot) (i32.load offset=14 (local.get $at)))
          (local.set $cold (i32.add (global.get $cold) (i32.mul (local.get $slot) (i32.const 192))))
          (i32.store (local.get $cold) (i32.load16_u offset=12 (local.get $at)))
          (i64.store offset=8 (local.get $cold) (i64.load offset=18 (local.get $at)))
          (i64.store offset=16 (local.get $cold) (i64.load offset=26 (local.get $at)))
          (i64.store offset=24 (local.get $cold) (i64.load offset=34 (local.get $at)))
          (i64.store offset=32 (local.get $cold) (i64.load offset=42 (local.get $at)))
          (i64.store offset=40 (local.get $cold) (i64.load offset=50 (local.get $at)))
          (i64.store offset=48 (local.get $cold) (i64.load offset=58 (local.get $at)))
          (i64.store offset=56 (local.get $cold) (i64.load offset=66 (local.get $at)))
          (i64.store offset=64 (local.get $cold) (i64.load offset=74 (local.get $at)))
          (i64.store offset=72 (local.get $cold) (i64.load offset=82 (local.get $at)))
          (i64.store offset=80 (local.get $cold) (i64.load offset=90 (local.get $at)))
          (i64.store offset=88 (local.get $cold) (i64.load offset=98 (local.get $at)))
          (i64.store offset=96 (local.get $cold) (i64.load offset=106 (local.get $at)))
          (i64.store offset=104 (local.get $cold) (i64.load offset=114 (local.get $at)))
          (i64.store offset=112 (local.get $cold) (i64.load offset=122 (local.get $at)))
          (i64.store offset=120 (local.get $cold) (i64.load offset=130 (local.get $at)))
          (i64.store offset=128 (local.get $cold) (i64.load offset=138 (local.get $at)))
          (i64.store offset=136 (local.get $cold) (i64.load offset=146 (local.get $at)))
          (i64.store offset=144 (local.get $cold) (i64.load offset=154 (local.get $at)))
          ;; LTP | QUOTE | OI | DEPTH | OI_RANGE
          (local.set $known (i32.const 55)))
        (i32.store offset=8 (local.get $hot) (global.get $receivedMs))
        ;; queue the slot unless its epoch is the current one (branch-free, as in QuoteCache.stored)
        (local.set $state (i32.load offset=12 (local.get $hot)))
        (local.set $differs (i32.xor (i32.and (local.get $state) (i32.const 0x7ffc0000)) (global.get $epoch)))
        (i32.store (i32.add (global.get $dirty) (i32.shl (local.get $queued) (i32.const 2))) (local.get $slot))
        (local.set $queued (i32.add (local.get $queued) (i32.ne (local.get $differs) (i32.const 0))))
        ;; keep the known bits, add this packet's, source FEED (1 << 16), this epoch
        (i32.store offset=12 (local.get $hot)
          (i32.or
            (i32.or (i32.and (local.get $state) (i32.const 0x8000ffff)) (local.get $known))
            (i32.or (i32.const 65536) (global.get $epoch))))
        (local.set $applied (i32.add (local.get $applied) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (local.get $length)))
        (br $next)))
    (global.set $dirtyCount (local.get $queued))
    (global.set $applied (local.get $applied))
    (local.get $at))
)
