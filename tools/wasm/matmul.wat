;; Matrix products for lib/core/linalg.ts, on WebAssembly SIMD (f64x2).
;;
;; Every entry of a product is one chain, in index order p = 0, 1, ..., k-1,
;; starting from +0.0:
;;   fused:     acc = fma(a[i,p], b[p,j], acc)        (f64x2.relaxed_madd)
;;   separate:  acc = acc + a[i,p] * b[p,j]            (f64x2.mul, then f64x2.add)
;; The vectors hold neighbouring entries (two columns, or two rows), never two
;; steps of one chain, so each entry sees exactly the operations, in exactly
;; the order, of the plain scalar loop. Splitting k into blocks keeps that too:
;; a chain stops as a stored double and resumes from it.
;;
;; relaxed_madd is a single-rounding FMA only where the processor has one; the
;; loader in lib/core/_matmul.ts checks that before it uses this module.
;;
;; Memory: the caller places operands and scratch space and grows the memory.
;; Bytes 0..63 stay zero: packing points its padding rows and columns there.
;; The memory is imported so that a second thread (a worker with its own
;; instance of this module) can compute part of a product on the same
;; operands. It is declared unshared here, since the build validates
;; without the threads feature, and products on one thread use it so (V8
;; checks every access to a shared memory explicitly); for the instances the
;; two threads share, the loader sets the import's shared flag in the bytes.
;; The maximum, 2^31 bytes, is the loader's limit for operands (a shared
;; memory needs one).
;; Build: deno task wasm (tools/wasm/build.ts).
(module
  (import "env" "memory" (memory 1 32768))

  ;; The 5 x 4 block C[5 rows, 4 columns] advanced by kc steps of p.
  ;; pa: packed A, 5 values (one per row) for each p; pb: packed B, 4 values
  ;; (one per column) for each p; c: the block's first entry, ldc bytes per row.
  ;; resume = 0 starts the chains at +0.0, otherwise from the stored entries.
  ;; Two steps per turn (A's values loaded in pairs and spread with shuffles),
  ;; then the odd step.
  (func $block5x4 (param $pa i32) (param $pb i32) (param $c i32) (param $ldc i32)
    (param $kc i32) (param $resume i32)
    (local $a v128) (local $pair v128) (local $b0 v128) (local $b1 v128)
    (local $c0a v128) (local $c0b v128) (local $c1a v128) (local $c1b v128)
    (local $c2a v128) (local $c2b v128) (local $c3a v128) (local $c3b v128)
    (local $c4a v128) (local $c4b v128)
    (local $row i32) (local $turns i32)
    (if (local.get $resume)
      (then
        (local.set $row (local.get $c))
        (local.set $c0a (v128.load (local.get $row)))
        (local.set $c0b (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c1a (v128.load (local.get $row)))
        (local.set $c1b (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c2a (v128.load (local.get $row)))
        (local.set $c2b (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c3a (v128.load (local.get $row)))
        (local.set $c3b (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c4a (v128.load (local.get $row)))
        (local.set $c4b (v128.load offset=16 (local.get $row)))))
    (if (local.tee $turns (i32.shr_u (local.get $kc) (i32.const 1)))
      (then
        (loop $step
          (local.set $b0 (v128.load offset=0 (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $pair (v128.load offset=0 (local.get $pa)))
          (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
            (local.get $pair) (local.get $pair)))
          (local.set $c0a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c0a)))
          (local.set $c0b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c0b)))
          (local.set $a (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
            (local.get $pair) (local.get $pair)))
          (local.set $c1a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c1a)))
          (local.set $c1b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c1b)))
          (local.set $pair (v128.load offset=16 (local.get $pa)))
          (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
            (local.get $pair) (local.get $pair)))
          (local.set $c2a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c2a)))
          (local.set $c2b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c2b)))
          (local.set $a (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
            (local.get $pair) (local.get $pair)))
          (local.set $c3a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c3a)))
          (local.set $c3b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c3b)))
          (local.set $a (v128.load64_splat offset=32 (local.get $pa)))
          (local.set $c4a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c4a)))
          (local.set $c4b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c4b)))
          (local.set $b0 (v128.load offset=32 (local.get $pb)))
          (local.set $b1 (v128.load offset=48 (local.get $pb)))
          (local.set $pair (v128.load offset=40 (local.get $pa)))
          (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
            (local.get $pair) (local.get $pair)))
          (local.set $c0a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c0a)))
          (local.set $c0b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c0b)))
          (local.set $a (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
            (local.get $pair) (local.get $pair)))
          (local.set $c1a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c1a)))
          (local.set $c1b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c1b)))
          (local.set $pair (v128.load offset=56 (local.get $pa)))
          (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
            (local.get $pair) (local.get $pair)))
          (local.set $c2a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c2a)))
          (local.set $c2b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c2b)))
          (local.set $a (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
            (local.get $pair) (local.get $pair)))
          (local.set $c3a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c3a)))
          (local.set $c3b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c3b)))
          (local.set $a (v128.load64_splat offset=72 (local.get $pa)))
          (local.set $c4a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c4a)))
          (local.set $c4b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c4b)))
          (local.set $pa (i32.add (local.get $pa) (i32.const 80)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
          (br_if $step (local.tee $turns (i32.sub (local.get $turns) (i32.const 1)))))))
    (if (i32.and (local.get $kc) (i32.const 1))
      (then
        (local.set $b0 (v128.load offset=0 (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $pair (v128.load offset=0 (local.get $pa)))
        (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
          (local.get $pair) (local.get $pair)))
        (local.set $c0a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c0a)))
        (local.set $c0b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c0b)))
        (local.set $a (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
          (local.get $pair) (local.get $pair)))
        (local.set $c1a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c1a)))
        (local.set $c1b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c1b)))
        (local.set $pair (v128.load offset=16 (local.get $pa)))
        (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
          (local.get $pair) (local.get $pair)))
        (local.set $c2a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c2a)))
        (local.set $c2b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c2b)))
        (local.set $a (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
          (local.get $pair) (local.get $pair)))
        (local.set $c3a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c3a)))
        (local.set $c3b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c3b)))
        (local.set $a (v128.load64_splat offset=32 (local.get $pa)))
        (local.set $c4a (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c4a)))
        (local.set $c4b (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c4b)))))
    (local.set $row (local.get $c))
    (v128.store (local.get $row) (local.get $c0a))
    (v128.store offset=16 (local.get $row) (local.get $c0b))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c1a))
    (v128.store offset=16 (local.get $row) (local.get $c1b))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c2a))
    (v128.store offset=16 (local.get $row) (local.get $c2b))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c3a))
    (v128.store offset=16 (local.get $row) (local.get $c3b))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c4a))
    (v128.store offset=16 (local.get $row) (local.get $c4b)))

  ;; Packs rows x kc of A (lda bytes from row to row, step bytes from p to
  ;; p: a transposed or stepped A is read where it lies) as panels of 5
  ;; rows: for each p, the panel's 5 values side by side. Rows past the end
  ;; read the zeros at address 0.
  (func $packA (param $src i32) (param $lda i32) (param $step i32) (param $rows i32)
    (param $kc i32) (param $dst i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32)
    (local $d1 i32) (local $d2 i32) (local $d3 i32) (local $d4 i32) (local $p i32)
    (loop $panel
      (local.set $s0 (local.get $src))
      (local.set $s1 (select (i32.add (local.get $src) (local.get $lda)) (i32.const 0)
        (i32.gt_s (local.get $rows) (i32.const 1))))
      (local.set $d1 (select (local.get $step) (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 1))))
      (local.set $s2 (select (i32.add (local.get $src) (i32.shl (local.get $lda) (i32.const 1)))
        (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 2))))
      (local.set $d2 (select (local.get $step) (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 2))))
      (local.set $s3 (select (i32.add (local.get $src) (i32.mul (local.get $lda) (i32.const 3)))
        (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 3))))
      (local.set $d3 (select (local.get $step) (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 3))))
      (local.set $s4 (select (i32.add (local.get $src) (i32.shl (local.get $lda) (i32.const 2)))
        (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 4))))
      (local.set $d4 (select (local.get $step) (i32.const 0) (i32.gt_s (local.get $rows) (i32.const 4))))
      (local.set $p (local.get $kc))
      (loop $step
        (f64.store offset=0 (local.get $dst) (f64.load (local.get $s0)))
        (f64.store offset=8 (local.get $dst) (f64.load (local.get $s1)))
        (f64.store offset=16 (local.get $dst) (f64.load (local.get $s2)))
        (f64.store offset=24 (local.get $dst) (f64.load (local.get $s3)))
        (f64.store offset=32 (local.get $dst) (f64.load (local.get $s4)))
        (local.set $s0 (i32.add (local.get $s0) (local.get $step)))
        (local.set $s1 (i32.add (local.get $s1) (local.get $d1)))
        (local.set $s2 (i32.add (local.get $s2) (local.get $d2)))
        (local.set $s3 (i32.add (local.get $s3) (local.get $d3)))
        (local.set $s4 (i32.add (local.get $s4) (local.get $d4)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 40)))
        (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
      (local.set $src (i32.add (local.get $src) (i32.mul (local.get $lda) (i32.const 5))))
      (br_if $panel (i32.gt_s (local.tee $rows (i32.sub (local.get $rows) (i32.const 5)))
        (i32.const 0)))))

  ;; Packs kc x width of B (ldb bytes from p to p, column bytes from column
  ;; to column: a transposed or stepped B is read where it lies) as panels
  ;; of 4 columns: for each p, the panel's 4 values side by side; columns
  ;; past width are zeros. Neighbouring columns (column = 8) are read 2 at a
  ;; time.
  (func $packB (param $src i32) (param $ldb i32) (param $column i32) (param $width i32)
    (param $kc i32) (param $dst i32)
    (local $j i32) (local $s i32) (local $p i32)
    (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $d1 i32) (local $d2 i32) (local $d3 i32)
    ;; Whole panels of neighbouring columns.
    (if (i32.eq (local.get $column) (i32.const 8))
      (then
        (block $whole
          (loop $panel
            (br_if $whole (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $width)))
            (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p (local.get $kc))
            (loop $step
              (v128.store (local.get $dst) (v128.load (local.get $s)))
              (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
              (local.set $s (i32.add (local.get $s) (local.get $ldb)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
              (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $panel)))))
    ;; The other panels one value at a time: missing columns read the zeros
    ;; at address 0.
    (block $done
      (loop $panel
        (br_if $done (i32.ge_s (local.get $j) (local.get $width)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $column))))
        (local.set $s1 (select (i32.add (local.get $s) (local.get $column)) (i32.const 0)
          (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $width))))
        (local.set $d1 (select (local.get $ldb) (i32.const 0)
          (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $width))))
        (local.set $s2 (select (i32.add (local.get $s) (i32.shl (local.get $column) (i32.const 1)))
          (i32.const 0) (i32.lt_s (i32.add (local.get $j) (i32.const 2)) (local.get $width))))
        (local.set $d2 (select (local.get $ldb) (i32.const 0)
          (i32.lt_s (i32.add (local.get $j) (i32.const 2)) (local.get $width))))
        (local.set $s3 (select (i32.add (local.get $s) (i32.mul (local.get $column) (i32.const 3)))
          (i32.const 0) (i32.lt_s (i32.add (local.get $j) (i32.const 3)) (local.get $width))))
        (local.set $d3 (select (local.get $ldb) (i32.const 0)
          (i32.lt_s (i32.add (local.get $j) (i32.const 3)) (local.get $width))))
        (local.set $p (local.get $kc))
        (loop $step
          (f64.store offset=0 (local.get $dst) (f64.load (local.get $s)))
          (f64.store offset=8 (local.get $dst) (f64.load (local.get $s1)))
          (f64.store offset=16 (local.get $dst) (f64.load (local.get $s2)))
          (f64.store offset=24 (local.get $dst) (f64.load (local.get $s3)))
          (local.set $s (i32.add (local.get $s) (local.get $ldb)))
          (local.set $s1 (i32.add (local.get $s1) (local.get $d1)))
          (local.set $s2 (i32.add (local.get $s2) (local.get $d2)))
          (local.set $s3 (i32.add (local.get $s3) (local.get $d3)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $panel))))

  ;; C = A B, fused, for A n x k at a, B k x m at b (n, k, m >= 1): element
  ;; [i, p] of A at a + i aRow + p aStep, element [p, j] of B at
  ;; b + p bStep + j bColumn (in bytes; row-major A has aRow = 8 k and
  ;; aStep = 8, row-major B bStep = 8 m and bColumn = 8). C is written at c with its rows padded to a multiple of 4 entries and its
  ;; row count to a multiple of 5, then moved together into n x m row-major
  ;; (compact). pa needs 120 * 256 * 8 bytes, pb 256 * 8 * (the part's
  ;; width rounded up to 4).
  ;; Only rows [row0, row1) and columns [col0, col1) of C, so that two
  ;; threads can share one product: each entry is still summed whole, in
  ;; order, by one thread. row0 must be a multiple of 5 and col0 of 4, and
  ;; so must row1 and col1 unless they are n and m: the blocks at a part's
  ;; edge write whole 5 x 4 blocks.
  (func $gemmPart (export "gemmPart") (param $a i32) (param $b i32) (param $c i32) (param $n i32)
    (param $k i32) (param $m i32) (param $pa i32) (param $pb i32)
    (param $row0 i32) (param $row1 i32) (param $col0 i32) (param $col1 i32)
    (param $aRow i32) (param $aStep i32) (param $bStep i32) (param $bColumn i32)
    (local $mpad i32) (local $ldc i32) (local $width i32) (local $wpad i32) (local $pc i32)
    (local $kc i32) (local $ic i32) (local $mc i32) (local $jr i32) (local $ir i32)
    (local.set $mpad (i32.and (i32.add (local.get $m) (i32.const 3)) (i32.const -4)))
    (local.set $ldc (i32.shl (local.get $mpad) (i32.const 3)))
    (local.set $width (i32.sub (local.get $col1) (local.get $col0)))
    (local.set $wpad (i32.and (i32.add (local.get $width) (i32.const 3)) (i32.const -4)))
    ;; From here on c is the part's first entry.
    (local.set $c (i32.add (local.get $c) (i32.shl (local.get $col0) (i32.const 3))))
    (loop $kblock
      (local.set $kc (select (i32.const 256) (i32.sub (local.get $k) (local.get $pc))
        (i32.gt_s (i32.sub (local.get $k) (local.get $pc)) (i32.const 256))))
      (call $packB (i32.add (local.get $b) (i32.add (i32.mul (local.get $pc) (local.get $bStep))
        (i32.mul (local.get $col0) (local.get $bColumn)))) (local.get $bStep) (local.get $bColumn)
        (local.get $width) (local.get $kc) (local.get $pb))
      (local.set $ic (local.get $row0))
      (loop $iblock
        (local.set $mc (select (i32.const 120) (i32.sub (local.get $row1) (local.get $ic))
          (i32.gt_s (i32.sub (local.get $row1) (local.get $ic)) (i32.const 120))))
        (call $packA (i32.add (local.get $a) (i32.add (i32.mul (local.get $ic) (local.get $aRow))
          (i32.mul (local.get $pc) (local.get $aStep)))) (local.get $aRow) (local.get $aStep)
          (local.get $mc) (local.get $kc) (local.get $pa))
        (local.set $jr (i32.const 0))
        (loop $columns
          (local.set $ir (i32.const 0))
          (loop $rows
            (call $block5x4
              (i32.add (local.get $pa) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 3)))
              (i32.add (local.get $pb) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 3)))
              (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $ic)
                (local.get $ir)) (local.get $mpad)) (local.get $jr)) (i32.const 3)))
              (local.get $ldc) (local.get $kc) (local.get $pc))
            (br_if $rows (i32.lt_s (local.tee $ir (i32.add (local.get $ir) (i32.const 5)))
              (local.get $mc))))
          (br_if $columns (i32.lt_s (local.tee $jr (i32.add (local.get $jr) (i32.const 4)))
            (local.get $wpad))))
        (br_if $iblock (i32.lt_s (local.tee $ic (i32.add (local.get $ic) (local.get $mc)))
          (local.get $row1))))
      (br_if $kblock (i32.lt_s (local.tee $pc (i32.add (local.get $pc) (local.get $kc)))
        (local.get $k)))))

  ;; Moves the padded rows of C (rows of m rounded up to 4) together.
  (func $compact (export "compact") (param $c i32) (param $n i32) (param $m i32)
    (local $i i32) (local $mpad i32)
    (local.set $mpad (i32.and (i32.add (local.get $m) (i32.const 3)) (i32.const -4)))
    (if (i32.ne (local.get $mpad) (local.get $m))
      (then
        (local.set $i (i32.const 1))
        (block $done
          (loop $row
            (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
            (memory.copy
              (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i) (local.get $m)) (i32.const 3)))
              (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i) (local.get $mpad)) (i32.const 3)))
              (i32.shl (local.get $m) (i32.const 3)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $row))))))

  ;; out[j] = sum over p of x[p] * b[p, j] for x of length k and b k x m
  ;; (k, m >= 1), fused ($fused = 1) or with separate roundings.
  (func $row (export "row") (param $x i32) (param $b i32) (param $out i32) (param $k i32)
    (param $m i32) (param $fused i32)
    (if (local.get $fused)
      (then (call $rowFused (local.get $x) (local.get $b) (local.get $out) (local.get $k)
        (local.get $m)))
      (else (call $rowSeparate (local.get $x) (local.get $b) (local.get $out) (local.get $k)
        (local.get $m)))))

  (func $rowFused (param $x i32) (param $b i32) (param $out i32) (param $k i32) (param $m i32)
    (local $ldb i32) (local $j i32) (local $s i32) (local $xp i32) (local $p i32) (local $v v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $ldb (i32.shl (local.get $m) (i32.const 3)))
    ;; 16 columns at a time.
    (block $done
      (loop $columns
        (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 16)) (local.get $m)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $c1 (v128.const i64x2 0 0))
        (local.set $c2 (v128.const i64x2 0 0))
        (local.set $c3 (v128.const i64x2 0 0))
        (local.set $c4 (v128.const i64x2 0 0))
        (local.set $c5 (v128.const i64x2 0 0))
        (local.set $c6 (v128.const i64x2 0 0))
        (local.set $c7 (v128.const i64x2 0 0))
        (local.set $s (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $v (v128.load64_splat (local.get $xp)))
          (local.set $c0 (f64x2.relaxed_madd (local.get $v) (v128.load offset=0 (local.get $s)) (local.get $c0)))
          (local.set $c1 (f64x2.relaxed_madd (local.get $v) (v128.load offset=16 (local.get $s)) (local.get $c1)))
          (local.set $c2 (f64x2.relaxed_madd (local.get $v) (v128.load offset=32 (local.get $s)) (local.get $c2)))
          (local.set $c3 (f64x2.relaxed_madd (local.get $v) (v128.load offset=48 (local.get $s)) (local.get $c3)))
          (local.set $c4 (f64x2.relaxed_madd (local.get $v) (v128.load offset=64 (local.get $s)) (local.get $c4)))
          (local.set $c5 (f64x2.relaxed_madd (local.get $v) (v128.load offset=80 (local.get $s)) (local.get $c5)))
          (local.set $c6 (f64x2.relaxed_madd (local.get $v) (v128.load offset=96 (local.get $s)) (local.get $c6)))
          (local.set $c7 (f64x2.relaxed_madd (local.get $v) (v128.load offset=112 (local.get $s)) (local.get $c7)))
          (local.set $s (i32.add (local.get $s) (local.get $ldb)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (local.set $s (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store offset=0 (local.get $s) (local.get $c0))
        (v128.store offset=16 (local.get $s) (local.get $c1))
        (v128.store offset=32 (local.get $s) (local.get $c2))
        (v128.store offset=48 (local.get $s) (local.get $c3))
        (v128.store offset=64 (local.get $s) (local.get $c4))
        (v128.store offset=80 (local.get $s) (local.get $c5))
        (v128.store offset=96 (local.get $s) (local.get $c6))
        (v128.store offset=112 (local.get $s) (local.get $c7))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $columns)))
    ;; Then 2, then 1.
    (block $done
      (loop $columns
        (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $m)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $s (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $c0 (f64x2.relaxed_madd (v128.load64_splat (local.get $xp))
            (v128.load (local.get $s)) (local.get $c0)))
          (local.set $s (i32.add (local.get $s) (local.get $ldb)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $c0))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $columns)))
    (if (i32.lt_s (local.get $j) (local.get $m))
      (then
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $s (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $c0 (f64x2.relaxed_madd (v128.load64_splat (local.get $xp))
            (v128.load64_zero (local.get $s)) (local.get $c0)))
          (local.set $s (i32.add (local.get $s) (local.get $ldb)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
          (f64x2.extract_lane 0 (local.get $c0))))))

  (func $rowSeparate (param $x i32) (param $b i32) (param $out i32) (param $k i32) (param $m i32)
    (local $ldb i32) (local $j i32) (local $s i32) (local $xp i32) (local $p i32) (local $v v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $ldb (i32.shl (local.get $m) (i32.const 3)))
    (block $done
      (loop $columns
        (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 16)) (local.get $m)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $c1 (v128.const i64x2 0 0))
        (local.set $c2 (v128.const i64x2 0 0))
        (local.set $c3 (v128.const i64x2 0 0))
        (local.set $c4 (v128.const i64x2 0 0))
        (local.set $c5 (v128.const i64x2 0 0))
        (local.set $c6 (v128.const i64x2 0 0))
        (local.set $c7 (v128.const i64x2 0 0))
        (local.set $s (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $v (v128.load64_splat (local.get $xp)))
          (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $v) (v128.load offset=0 (local.get $s)))))
          (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $v) (v128.load offset=16 (local.get $s)))))
          (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $v) (v128.load offset=32 (local.get $s)))))
          (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $v) (v128.load offset=48 (local.get $s)))))
          (local.set $c4 (f64x2.add (local.get $c4) (f64x2.mul (local.get $v) (v128.load offset=64 (local.get $s)))))
          (local.set $c5 (f64x2.add (local.get $c5) (f64x2.mul (local.get $v) (v128.load offset=80 (local.get $s)))))
          (local.set $c6 (f64x2.add (local.get $c6) (f64x2.mul (local.get $v) (v128.load offset=96 (local.get $s)))))
          (local.set $c7 (f64x2.add (local.get $c7) (f64x2.mul (local.get $v) (v128.load offset=112 (local.get $s)))))
          (local.set $s (i32.add (local.get $s) (local.get $ldb)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (local.set $s (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store offset=0 (local.get $s) (local.get $c0))
        (v128.store offset=16 (local.get $s) (local.get $c1))
        (v128.store offset=32 (local.get $s) (local.get $c2))
        (v128.store offset=48 (local.get $s) (local.get $c3))
        (v128.store offset=64 (local.get $s) (local.get $c4))
        (v128.store offset=80 (local.get $s) (local.get $c5))
        (v128.store offset=96 (local.get $s) (local.get $c6))
        (v128.store offset=112 (local.get $s) (local.get $c7))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $columns)))
    (block $done
      (loop $columns
        (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $m)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $s (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (v128.load64_splat (local.get $xp))
            (v128.load (local.get $s)))))
          (local.set $s (i32.add (local.get $s) (local.get $ldb)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $c0))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $columns)))
    (if (i32.lt_s (local.get $j) (local.get $m))
      (then
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $s (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (v128.load64_splat (local.get $xp))
            (v128.load64_zero (local.get $s)))))
          (local.set $s (i32.add (local.get $s) (local.get $ldb)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
          (f64x2.extract_lane 0 (local.get $c0))))))

  ;; out[i] = sum over p of a[i, p] * x[p], fused, for a n x k and x of
  ;; length k (n, k >= 1): eight rows at a time, two per vector.
  (func $column (export "column") (param $a i32) (param $x i32) (param $out i32) (param $n i32)
    (param $k i32)
    (local $lda i32) (local $i i32) (local $r0 i32) (local $r2 i32) (local $r4 i32) (local $r6 i32)
    (local $xp i32) (local $p i32) (local $v v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local.set $lda (i32.shl (local.get $k) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $c1 (v128.const i64x2 0 0))
        (local.set $c2 (v128.const i64x2 0 0))
        (local.set $c3 (v128.const i64x2 0 0))
        (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $lda))))
        (local.set $r2 (i32.add (local.get $r0) (i32.shl (local.get $lda) (i32.const 1))))
        (local.set $r4 (i32.add (local.get $r2) (i32.shl (local.get $lda) (i32.const 1))))
        (local.set $r6 (i32.add (local.get $r4) (i32.shl (local.get $lda) (i32.const 1))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $v (v128.load64_splat (local.get $xp)))
          (local.set $c0 (f64x2.relaxed_madd (v128.load64_lane 1
            (i32.add (local.get $r0) (local.get $lda)) (v128.load64_zero (local.get $r0)))
            (local.get $v) (local.get $c0)))
          (local.set $c1 (f64x2.relaxed_madd (v128.load64_lane 1
            (i32.add (local.get $r2) (local.get $lda)) (v128.load64_zero (local.get $r2)))
            (local.get $v) (local.get $c1)))
          (local.set $c2 (f64x2.relaxed_madd (v128.load64_lane 1
            (i32.add (local.get $r4) (local.get $lda)) (v128.load64_zero (local.get $r4)))
            (local.get $v) (local.get $c2)))
          (local.set $c3 (f64x2.relaxed_madd (v128.load64_lane 1
            (i32.add (local.get $r6) (local.get $lda)) (v128.load64_zero (local.get $r6)))
            (local.get $v) (local.get $c3)))
          (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
          (local.set $r2 (i32.add (local.get $r2) (i32.const 8)))
          (local.set $r4 (i32.add (local.get $r4) (i32.const 8)))
          (local.set $r6 (i32.add (local.get $r6) (i32.const 8)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (local.set $r0 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
        (v128.store offset=0 (local.get $r0) (local.get $c0))
        (v128.store offset=16 (local.get $r0) (local.get $c1))
        (v128.store offset=32 (local.get $r0) (local.get $c2))
        (v128.store offset=48 (local.get $r0) (local.get $c3))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $rows)))
    ;; Then one row at a time.
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $c0 (v128.const i64x2 0 0))
        (local.set $r0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $lda))))
        (local.set $xp (local.get $x))
        (local.set $p (local.get $k))
        (loop $step
          (local.set $c0 (f64x2.relaxed_madd (v128.load64_zero (local.get $r0))
            (v128.load64_zero (local.get $xp)) (local.get $c0)))
          (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
          (br_if $step (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (f64x2.extract_lane 0 (local.get $c0)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; out[i, j] = x[i] * y[j] (n, m >= 1).
  (func (export "outer") (param $x i32) (param $y i32) (param $out i32) (param $n i32) (param $m i32)
    (local $v v128) (local $yp i32) (local $end i32) (local $j i32)
    (loop $rows
      (local.set $v (v128.load64_splat (local.get $x)))
      (local.set $yp (local.get $y))
      (local.set $j (local.get $m))
      (block $done
        (loop $pairs
          (br_if $done (i32.lt_s (local.get $j) (i32.const 2)))
          (v128.store (local.get $out) (f64x2.mul (local.get $v) (v128.load (local.get $yp))))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))
          (local.set $yp (i32.add (local.get $yp) (i32.const 16)))
          (local.set $j (i32.sub (local.get $j) (i32.const 2)))
          (br $pairs)))
      (if (local.get $j)
        (then
          (f64.store (local.get $out) (f64.mul (f64x2.extract_lane 0 (local.get $v))
            (f64.load (local.get $yp))))
          (local.set $out (i32.add (local.get $out) (i32.const 8)))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $rows (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))

  ;; a * b + c through relaxed_madd, for the loader's check that it is fused.
  (func (export "madd") (param $a f64) (param $b f64) (param $c f64) (result f64)
    (f64x2.extract_lane 0 (f64x2.relaxed_madd (f64x2.splat (local.get $a))
      (f64x2.splat (local.get $b)) (f64x2.splat (local.get $c))))))
