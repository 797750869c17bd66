;; The LSTM forward step's gate math (fused.ts stepForward) on 4 units at a time with wasm SIMD128.
;; JS does this one unit at a time in double precision and spends most of it in exp; here exp is
;; Cephes' expf (range reduction by ln2 in two parts, degree-5 polynomial, relative error ~1e-7,
;; float32's own precision), so a step costs a fraction of the scalar loop.
;;
;; Rebuild the binary (src/train/engine/kernels/lstm-gates.wasm.ts) with: npm run build:kernels
;; All pointers are byte offsets into the imported memory; arrays are float32, laid out as in fused.ts:
;;   xw [T*B, 4u] (gate order i, f, o, c), r [B, 4u] (or -1: no recurrent term, t = 0),
;;   c, i, f, o, g, tc, h [T*B, u]. u must be a multiple of 4.
;; With wb >= 0 the layer has one input feature: xw is then x [T*B] and wb holds W [4u] then b [4u],
;; and the input term x*W + b is computed here instead of being read from a [T*B, 4u] array.
(module
  (import "env" "memory" (memory 1))

  ;; e^x for 4 lanes: clamp to float32's range, n = floor(x log2(e) + 1/2), r = x - n ln2 (ln2 in
  ;; two parts so r keeps its precision), e^r by Cephes' polynomial, times 2^n built in the exponent bits
  (func $exp (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $y v128)
    (local.set $x (f32x4.max
      (f32x4.min (local.get $x) (v128.const f32x4 88.3762626647949 88.3762626647949 88.3762626647949 88.3762626647949))
      (v128.const f32x4 -88.3762626647949 -88.3762626647949 -88.3762626647949 -88.3762626647949)))
    (local.set $n (f32x4.floor (f32x4.add
      (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))
      (v128.const f32x4 0.5 0.5 0.5 0.5))))
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $y (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    (local.set $y (f32x4.add
      (f32x4.add (f32x4.mul (local.get $y) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
      (v128.const f32x4 1 1 1 1)))
    (f32x4.mul (local.get $y)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))

  ;; 1 / (1 + e^-z), as q = e / (1 + e) with e = e^-|z| (so e <= 1: no overflow), and 1 - q for z >= 0:
  ;; rounded as float32 itself rounds the true value near 0 and near 1, where the backward pass reads
  ;; s(1 - s). (1 / (1 + e^-z) taken directly rounds 1 + e first: exactly 1 from z ~ 16.6 instead of
  ;; ~ 17.3, so s(1 - s) = 0 where the scalar loop and TF.js still have 6e-8, and an exploding run that
  ;; TF.js sends to NaN stayed finite.)
  (func $sigmoid (param $z v128) (result v128)
    (local $e v128) (local $q v128)
    (local.set $e (call $exp (f32x4.neg (f32x4.abs (local.get $z)))))
    (local.set $q (f32x4.div (local.get $e) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e))))
    (v128.bitselect
      (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $q))
      (local.get $q)
      (f32x4.ge (local.get $z) (v128.const f32x4 0 0 0 0))))

  ;; 1 - 2 / (e^2|z| + 1) with the sign of z: rounded like the true value near -1 and 1 (as above)
  (func $tanh (param $z v128) (result v128)
    (local $a v128)
    (local.set $a (f32x4.abs (local.get $z)))
    (v128.or
      (f32x4.sub (v128.const f32x4 1 1 1 1)
        (f32x4.div (v128.const f32x4 2 2 2 2)
          (f32x4.add (call $exp (f32x4.add (local.get $a) (local.get $a))) (v128.const f32x4 1 1 1 1))))
      (v128.and (local.get $z) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))

  (func (export "step")
    (param $xw i32) (param $wb i32) (param $r i32) (param $c i32) (param $i i32) (param $f i32) (param $o i32)
    (param $g i32) (param $tc i32) (param $h i32) (param $t i32) (param $B i32) (param $u i32)
    (local $b i32) (local $j i32) (local $u4 i32) (local $zo i32) (local $ro i32) (local $so i32) (local $po i32)
    (local $zi v128) (local $zf v128) (local $zz v128) (local $zc v128)
    (local $xs v128)
    (local $ig v128) (local $fg v128) (local $og v128) (local $gg v128) (local $cc v128) (local $th v128)
    (local.set $u4 (i32.shl (local.get $u) (i32.const 2)))
    (local.set $b (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $b) (local.get $B)))
        ;; zo = (t*B + b) * 4u floats, so = (t*B + b) * u floats, in bytes; ro = b * 4u floats; po = so - B*u floats
        (local.set $so (i32.mul (i32.add (i32.mul (local.get $t) (local.get $B)) (local.get $b)) (local.get $u4)))
        (local.set $zo (i32.shl (local.get $so) (i32.const 2)))
        (local.set $ro (i32.shl (i32.mul (local.get $b) (local.get $u4)) (i32.const 2)))
        (local.set $po (i32.sub (local.get $so) (i32.mul (local.get $B) (local.get $u4))))
        (if (i32.ge_s (local.get $wb) (i32.const 0))
          (then (local.set $xs (f32x4.splat (f32.load (i32.add (local.get $xw)
            (i32.shl (i32.add (i32.mul (local.get $t) (local.get $B)) (local.get $b)) (i32.const 2))))))))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $u4)))
            (if (i32.ge_s (local.get $wb) (i32.const 0))
              (then
                ;; z_k = x * W_k + b_k (W_k at wb + k*u floats, b_k 4u floats further)
                (local.set $zi (f32x4.add (f32x4.mul (local.get $xs) (v128.load (i32.add (local.get $wb) (local.get $j))))
                  (v128.load (i32.add (i32.add (local.get $wb) (i32.shl (local.get $u4) (i32.const 2))) (local.get $j)))))
                (local.set $zf (f32x4.add (f32x4.mul (local.get $xs) (v128.load (i32.add (i32.add (local.get $wb) (local.get $u4)) (local.get $j))))
                  (v128.load (i32.add (i32.add (local.get $wb) (i32.mul (local.get $u4) (i32.const 5))) (local.get $j)))))
                (local.set $zz (f32x4.add (f32x4.mul (local.get $xs) (v128.load (i32.add (i32.add (local.get $wb) (i32.shl (local.get $u4) (i32.const 1))) (local.get $j))))
                  (v128.load (i32.add (i32.add (local.get $wb) (i32.mul (local.get $u4) (i32.const 6))) (local.get $j)))))
                (local.set $zc (f32x4.add (f32x4.mul (local.get $xs) (v128.load (i32.add (i32.add (local.get $wb) (i32.mul (local.get $u4) (i32.const 3))) (local.get $j))))
                  (v128.load (i32.add (i32.add (local.get $wb) (i32.mul (local.get $u4) (i32.const 7))) (local.get $j))))))
              (else
              (local.set $zi (v128.load (i32.add (i32.add (local.get $xw) (local.get $zo)) (local.get $j))))
              (local.set $zf (v128.load (i32.add (i32.add (local.get $xw) (local.get $zo)) (i32.add (local.get $u4) (local.get $j)))))
              (local.set $zz (v128.load (i32.add (i32.add (local.get $xw) (local.get $zo)) (i32.add (i32.shl (local.get $u4) (i32.const 1)) (local.get $j)))))
              (local.set $zc (v128.load (i32.add (i32.add (local.get $xw) (local.get $zo)) (i32.add (i32.mul (local.get $u4) (i32.const 3)) (local.get $j)))))))
            (if (i32.ge_s (local.get $r) (i32.const 0))
              (then
                (local.set $zi (f32x4.add (local.get $zi) (v128.load (i32.add (i32.add (local.get $r) (local.get $ro)) (local.get $j)))))
                (local.set $zf (f32x4.add (local.get $zf) (v128.load (i32.add (i32.add (local.get $r) (local.get $ro)) (i32.add (local.get $u4) (local.get $j))))))
                (local.set $zz (f32x4.add (local.get $zz) (v128.load (i32.add (i32.add (local.get $r) (local.get $ro)) (i32.add (i32.shl (local.get $u4) (i32.const 1)) (local.get $j))))))
                (local.set $zc (f32x4.add (local.get $zc) (v128.load (i32.add (i32.add (local.get $r) (local.get $ro)) (i32.add (i32.mul (local.get $u4) (i32.const 3)) (local.get $j))))))))
            (local.set $ig (call $sigmoid (local.get $zi)))
            (local.set $fg (call $sigmoid (local.get $zf)))
            (local.set $og (call $sigmoid (local.get $zz)))
            (local.set $gg (call $tanh (local.get $zc)))
            (local.set $cc (f32x4.mul (local.get $ig) (local.get $gg)))
            (if (i32.gt_s (local.get $t) (i32.const 0))
              (then (local.set $cc (f32x4.add
                (f32x4.mul (local.get $fg) (v128.load (i32.add (i32.add (local.get $c) (local.get $po)) (local.get $j))))
                (local.get $cc)))))
            (local.set $th (call $tanh (local.get $cc)))
            (v128.store (i32.add (i32.add (local.get $i) (local.get $so)) (local.get $j)) (local.get $ig))
            (v128.store (i32.add (i32.add (local.get $f) (local.get $so)) (local.get $j)) (local.get $fg))
            (v128.store (i32.add (i32.add (local.get $o) (local.get $so)) (local.get $j)) (local.get $og))
            (v128.store (i32.add (i32.add (local.get $g) (local.get $so)) (local.get $j)) (local.get $gg))
            (v128.store (i32.add (i32.add (local.get $c) (local.get $so)) (local.get $j)) (local.get $cc))
            (v128.store (i32.add (i32.add (local.get $tc) (local.get $so)) (local.get $j)) (local.get $th))
            (v128.store (i32.add (i32.add (local.get $h) (local.get $so)) (local.get $j)) (f32x4.mul (local.get $og) (local.get $th)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cols)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $rows))))
)
