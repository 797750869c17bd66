/**
 * The fused network's shape and weights as flat arrays: the layer specs (Layout), the weights in their
 * fixed order (paramSizes / viewParams: views of one flat array, possibly on a SharedArrayBuffer that a
 * peer thread shares), and the dropout mask slots. What the engine, the optimiser and the peer thread
 * agree on.
 */

export interface LstmSpec {
  in: number;
  units: number;
  dropout: number;
  recurrentDropout: number;
  l2: number;
}
export interface DenseSpec {
  in: number;
  out: number;
  activation: 'relu' | 'tanh' | 'linear';
  dropout: number;
}
/** The shape of a network: what a peer thread needs to rebuild its views of the shared weights. */
export interface Layout {
  lstm: LstmSpec[];
  dense: DenseSpec[];
  out: DenseSpec;
}
export interface FusedLstm extends LstmSpec {
  W: Float32Array; // [in, 4u] gate order i, f, o, c
  U: Float32Array; // [u, 4u]
  b: Float32Array; // [4u]
}
export interface FusedDense extends DenseSpec {
  W: Float32Array; // [in, out]
  b: Float32Array;
}
export interface NetParams {
  lstm: FusedLstm[];
  dense: FusedDense[];
  out: FusedDense;
}

export function layoutOf(p: NetParams): Layout {
  const l = ({ in: i, units, dropout, recurrentDropout, l2 }: LstmSpec): LstmSpec => ({
    in: i,
    units,
    dropout,
    recurrentDropout,
    l2,
  });
  const d = ({ in: i, out, activation, dropout }: DenseSpec): DenseSpec => ({ in: i, out, activation, dropout });
  return { lstm: p.lstm.map(l), dense: p.dense.map(d), out: d(p.out) };
}

/** sizes of the trainable arrays in their fixed order: W, U, b per LSTM; W, b per dense; W, b out */
export function paramSizes(l: Layout): number[] {
  return [
    ...l.lstm.flatMap((s) => [s.in * 4 * s.units, s.units * 4 * s.units, 4 * s.units]),
    ...[...l.dense, l.out].flatMap((s) => [s.in * s.out, s.out]),
  ];
}

/** Views of one flat array (which may live on a SharedArrayBuffer) as the network's weights. */
export function viewParams(l: Layout, flat: Float32Array): NetParams {
  let off = 0;
  const take = (n: number) => flat.subarray(off, (off += n));
  const lstm = l.lstm.map((s) => ({
    ...s,
    W: take(s.in * 4 * s.units),
    U: take(s.units * 4 * s.units),
    b: take(4 * s.units),
  }));
  const dense = l.dense.map((s) => ({ ...s, W: take(s.in * s.out), b: take(s.out) }));
  const out = { ...l.out, W: take(l.out.in * l.out.out), b: take(l.out.out) };
  return { lstm, dense, out };
}

export function paramArrays(p: NetParams): Float32Array[] {
  return [...p.lstm.flatMap((l) => [l.W, l.U, l.b]), ...[...p.dense, p.out].flatMap((d) => [d.W, d.b])];
}

/** dropout masks per batch in the order they are drawn: per LSTM layer input then recurrent, then per dense layer */
export type Masks = (Float32Array | undefined)[];

/** the columns of each mask slot (undefined: that slot never has a mask) */
export function maskColumns(l: Layout): (number | undefined)[] {
  return [
    ...l.lstm.flatMap((s) => [s.dropout > 0 ? s.in : undefined, s.recurrentDropout > 0 ? s.units : undefined]),
    ...l.dense.map((s) => (s.dropout > 0 ? s.out : undefined)),
  ];
}

/** rows [from, to) of every mask */
export function sliceMasks(masks: Masks, cols: (number | undefined)[], from: number, to: number): Masks {
  return masks.map((m, k) => (m ? m.subarray(from * cols[k]!, to * cols[k]!) : undefined));
}
