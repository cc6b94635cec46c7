;; WPE WebKit 2.38 (JavaScriptCore's BBQ tier): table.get on an externref table traps with
;; "Out of bounds table access" when the element is a JS value whose 64-bit encoding has its
;; low 32 bits zero (0.5, 2.5, -1.5, 2^32, -0, NaN, Infinity, the int32 0), though the index
;; is in bounds. Build: npx wasm-as --enable-reference-types repro.wat -o repro.wasm
(module
  (table $refs 1 externref)
  ;; Stores `x` in slot 0 and reads it back: must return `x`, whatever it is.
  (func (export "roundTrip") (param $x externref) (result externref)
    (table.set $refs (i32.const 0) (local.get $x))
    (table.get $refs (i32.const 0)))
)
