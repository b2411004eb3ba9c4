;; The QuoteCache's per-packet path in WebAssembly: walk the packets of a frame the cache has
;; copied into its memory, look each security id up in its segment's direct table, copy the
;; packet's fields into the slot's records, stamp the receive time, and queue the slot for the
;; next batch by epoch. It is the JavaScript path of quote-cache.ts (copyTicker, copyOther,
;; copyFull, stored) instruction for instruction, with the same record layout (quote-record.ts)
;; and the same checks as the frame walker (feed-decoder.ts), so the two leave identical
;; records (test/shared/cache/hot-path.test.ts checks it on random frames).
;;
;; Each packet it applies is also recorded in the tick log's ring when the cache keeps one
;; (tick-ring.ts, writeTick): the receive time and the packet's first 40 bytes. That is a
;; second pass over the packets just applied, so that the first keeps fewer values live and
;; TurboFan keeps more of them in registers.
;;
;; It handles only the common case. At anything else (an index, market-status or disconnect
;; packet, an unknown code, a malformed length, an instrument not in a direct table) it stops
;; and returns that packet's offset; the cache hands that packet to the JavaScript path, which
;; counts, rejects or looks it up in the hash table, and resumes here after it.
;;
;; After editing, regenerate the binary: `node scripts/build-hot-path.mjs`.
(module
  (import "cache" "memory" (memory 1))
  ;; Byte addresses in the memory, set once by `setup` (see QuoteCache's layout).
  (global $control (mut i32) (i32.const 0))  ;; CONTROL words (cache-layout.ts): queued count, epoch bits,
                                             ;; receive ms, applied; tick cursor at 16; tick time (f64) at 32
  (global $segments (mut i32) (i32.const 0)) ;; 256 × {lowest id, table length, table address, unused}
  (global $meta (mut i32) (i32.const 0))     ;; 8 bytes a slot: state word, receive ms
  (global $hot (mut i32) (i32.const 0))      ;; 8 bytes a slot: a ticker packet's LTP and LTT
  (global $cold (mut i32) (i32.const 0))     ;; 192 bytes a slot
  (global $queue (mut i32) (i32.const 0))    ;; i32 slots queued for the next batch
  (global $ticks (mut i32) (i32.const 0))    ;; the tick ring's entries, 48 bytes each
  (global $tickCapacity (mut i32) (i32.const 0)) ;; 0: the cache keeps no tick log

  (func (export "setup") (param $control i32) (param $segments i32) (param $meta i32) (param $hot i32)
    (param $cold i32) (param $queue i32) (param $ticks i32) (param $tickCapacity i32)
    (global.set $ticks (local.get $ticks))
    (global.set $tickCapacity (local.get $tickCapacity))
    (global.set $control (local.get $control))
    (global.set $segments (local.get $segments))
    (global.set $meta (local.get $meta))
    (global.set $hot (local.get $hot))
    (global.set $cold (local.get $cold))
    (global.set $queue (local.get $queue)))

  ;; Applies the packets in [at, end); returns the offset of the first one it did not apply
  ;; (`end` when it applied them all).
  (func (export "walk") (param $at i32) (param $end i32) (result i32)
    (local $stop i32)
    (local.set $stop (call $apply (local.get $at) (local.get $end)))
    (if (global.get $tickCapacity) (then (call $log (local.get $at) (local.get $stop))))
    (local.get $stop))

  (func $apply (param $at i32) (param $end i32) (result i32)
    (local $code i32) (local $length i32) (local $segment i32) (local $k i32) (local $slot i32)
    (local $meta i32) (local $cold i32) (local $known i32) (local $keep i32) (local $state i32)
    (local $queued i32) (local $stamp i32) (local $receivedMs i32) (local $applied i32)
    (local $segments i32) (local $metas i32) (local $hots i32) (local $colds i32) (local $queue i32)
    ;; the addresses in locals for the loop (TurboFan reloads a mutable global at every use)
    (local.set $segments (global.get $segments))
    (local.set $metas (global.get $meta))
    (local.set $hots (global.get $hot))
    (local.set $colds (global.get $cold))
    (local.set $queue (global.get $queue))
    (local.set $queued (i32.load (global.get $control)))
    ;; what every applied packet sets in the state word besides its own bits: source FEED
    ;; (1 << 16) and this batch's epoch
    (local.set $stamp (i32.or (i32.const 65536) (i32.load offset=4 (global.get $control))))
    (local.set $receivedMs (i32.load offset=8 (global.get $control)))
    (local.set $applied (i32.load offset=12 (global.get $control)))
    (block $stop
      (loop $next
        ;; the frame walker's checks: a whole header, and a length inside the frame (each code's
        ;; own minimum below is at least 12, so a length shorter than a header stops there)
        (br_if $stop (i32.lt_u (i32.sub (local.get $end) (local.get $at)) (i32.const 8)))
        (local.set $code (i32.load8_u (local.get $at)))
        (local.set $length (i32.load16_u offset=1 (local.get $at)))
        (br_if $stop (i32.gt_u (local.get $length) (i32.sub (local.get $end) (local.get $at))))
        ;; the slot: the segment's direct table (length 0 when it has none, as for every code
        ;; over 15), else stop
        (local.set $segment
          (i32.add (local.get $segments) (i32.shl (i32.load8_u offset=3 (local.get $at)) (i32.const 4))))
        (local.set $k (i32.sub (i32.load offset=4 (local.get $at)) (i32.load (local.get $segment))))
        (br_if $stop (i32.ge_u (local.get $k) (i32.load offset=4 (local.get $segment))))
        (local.set $slot
          (i32.load (i32.add (i32.load offset=8 (local.get $segment)) (i32.shl (local.get $k) (i32.const 2)))))
        (br_if $stop (i32.lt_s (local.get $slot) (i32.const 0)))
        (local.set $meta (i32.add (local.get $metas) (i32.shl (local.get $slot) (i32.const 3))))
        (local.set $cold (i32.add (local.get $colds) (i32.mul (local.get $slot) (i32.const 192))))
        ;; the state bits a packet keeps: all but source and epoch (a ticker also clears PRICE_COLD)
        (local.set $keep (i32.const 0x8000ffff))
        (block $stored
          (block $full
            (block $prevClose
              (block $oi
                (block $quote
                  (block $ticker
                    ;; by code: 2 ticker, 4 quote, 5 OI, 6 previous close, 8 full; anything else stops
                    (br_table $stop $stop $ticker $stop $quote $oi $prevClose $stop $full $stop (local.get $code)))
                  ;; ticker: LTP and LTT, adjacent on the wire and in the hot record
                  (br_if $stop (i32.lt_u (local.get $length) (i32.const 16)))
                  (i64.store (i32.add (local.get $hots) (i32.shl (local.get $slot) (i32.const 3)))
                    (i64.load offset=8 (local.get $at)))
                  (local.set $keep (i32.const 0x80007fff)) ;; the price is in the hot record now
                  (local.set $known (i32.const 1)) ;; LTP
                  (br $stored))
                ;; quote: LTP, LTT, LTQ to the cold record's first words; ATP, volume, total sell,
                ;; total buy; open, close, high, low (16 bytes at a time: both runs are in the
                ;; wire's order in the cold record)
                (br_if $stop (i32.lt_u (local.get $length) (i32.const 50)))
                (i32.store offset=4 (local.get $cold) (i32.load offset=8 (local.get $at)))
                (i32.store offset=8 (local.get $cold) (i32.load offset=14 (local.get $at)))
                (i32.store (local.get $cold) (i32.load16_u offset=12 (local.get $at)))
                (v128.store offset=16 (local.get $cold) (v128.load offset=18 (local.get $at)))
                (v128.store offset=44 (local.get $cold) (v128.load offset=34 (local.get $at)))
                (local.set $known (i32.const 0x8003)) ;; LTP | QUOTE, PRICE_COLD
                (br $stored))
              ;; OI
              (br_if $stop (i32.lt_u (local.get $length) (i32.const 12)))
              (i32.store offset=32 (local.get $cold) (i32.load offset=8 (local.get $at)))
              (local.set $known (i32.const 4)) ;; OI
              (br $stored))
            ;; previous close: price and OI, adjacent on the wire and in the cold record
            (br_if $stop (i32.lt_u (local.get $length) (i32.const 16)))
            (i64.store offset=160 (local.get $cold) (i64.load offset=8 (local.get $at)))
            (local.set $known (i32.const 8)) ;; PREV
            (br $stored))
          ;; full: LTP, LTT, LTQ to the cold record's first words; ATP … the last depth level,
          ;; 144 bytes in the wire's order, 16 at a time to a 16-byte boundary of the cold record
          ;; (no store split across cache lines)
          (br_if $stop (i32.lt_u (local.get $length) (i32.const 162)))
          (i32.store offset=4 (local.get $cold) (i32.load offset=8 (local.get $at)))
          (i32.store offset=8 (local.get $cold) (i32.load offset=14 (local.get $at)))
          (i32.store (local.get $cold) (i32.load16_u offset=12 (local.get $at)))
          (v128.store offset=16 (local.get $cold) (v128.load offset=18 (local.get $at)))
          (v128.store offset=32 (local.get $cold) (v128.load offset=34 (local.get $at)))
          (v128.store offset=48 (local.get $cold) (v128.load offset=50 (local.get $at)))
          (v128.store offset=64 (local.get $cold) (v128.load offset=66 (local.get $at)))
          (v128.store offset=80 (local.get $cold) (v128.load offset=82 (local.get $at)))
          (v128.store offset=96 (local.get $cold) (v128.load offset=98 (local.get $at)))
          (v128.store offset=112 (local.get $cold) (v128.load offset=114 (local.get $at)))
          (v128.store offset=128 (local.get $cold) (v128.load offset=130 (local.get $at)))
          (v128.store offset=144 (local.get $cold) (v128.load offset=146 (local.get $at)))
          (local.set $known (i32.const 0x8037))) ;; LTP | QUOTE | OI | DEPTH | OI_RANGE, PRICE_COLD
        ;; stored: receive time; queue the slot unless its epoch is this batch's or nobody
        ;; watches it (bit 31 clear; branch-free); keep the bits in `keep`, add this packet's
        ;; bits, source FEED and this batch's epoch
        (local.set $state (i32.load (local.get $meta)))
        (i32.store offset=4 (local.get $meta) (local.get $receivedMs))
        (i32.store (i32.add (local.get $queue) (i32.shl (local.get $queued) (i32.const 2))) (local.get $slot))
        (local.set $queued
          (i32.add (local.get $queued)
            (i32.and
              (i32.ne (i32.and (i32.xor (local.get $state) (local.get $stamp)) (i32.const 0x7ffc0000)) (i32.const 0))
              (i32.shr_u (local.get $state) (i32.const 31)))))
        (i32.store (local.get $meta)
          (i32.or
            (i32.or (i32.and (local.get $state) (local.get $keep)) (local.get $known))
            (local.get $stamp)))
        (local.set $applied (i32.add (local.get $applied) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (local.get $length)))
        (br $next)))
    (i32.store (global.get $control) (local.get $queued))
    (i32.store offset=12 (global.get $control) (local.get $applied))
    (local.get $at))

  ;; Records the packets in [at, end), all applied, in the tick log's ring: receive time and
  ;; the packet's first 40 bytes; the count in two halves.
  (func $log (param $at i32) (param $end i32)
    (local $ticks i32) (local $tickCapacity i32) (local $tickNext i32) (local $ticksLow i32)
    (local $ticksHigh i32) (local $tickTime f64) (local $entry i32)
    (local.set $ticks (global.get $ticks))
    (local.set $tickCapacity (global.get $tickCapacity))
    (local.set $tickNext (i32.load offset=16 (global.get $control)))
    (local.set $ticksLow (i32.load offset=20 (global.get $control)))
    (local.set $ticksHigh (i32.load offset=24 (global.get $control)))
    (local.set $tickTime (f64.load offset=32 (global.get $control)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $entry (i32.add (local.get $ticks) (i32.mul (local.get $tickNext) (i32.const 48))))
        (f64.store (local.get $entry) (local.get $tickTime))
        (v128.store offset=8 (local.get $entry) (v128.load (local.get $at)))
        (v128.store offset=24 (local.get $entry) (v128.load offset=16 (local.get $at)))
        (i64.store offset=40 (local.get $entry) (i64.load offset=32 (local.get $at)))
        (local.set $tickNext (i32.add (local.get $tickNext) (i32.const 1)))
        (if (i32.eq (local.get $tickNext) (local.get $tickCapacity)) (then (local.set $tickNext (i32.const 0))))
        (local.set $ticksLow (i32.add (local.get $ticksLow) (i32.const 1)))
        (if (i32.eqz (local.get $ticksLow))
          (then (local.set $ticksHigh (i32.add (local.get $ticksHigh) (i32.const 1)))))
        (local.set $at (i32.add (local.get $at) (i32.load16_u offset=1 (local.get $at))))
        (br $next)))
    (i32.store offset=16 (global.get $control) (local.get $tickNext))
    (i32.store offset=20 (global.get $control) (local.get $ticksLow))
    (i32.store offset=24 (global.get $control) (local.get $ticksHigh)))
)
