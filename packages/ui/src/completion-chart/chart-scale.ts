/** A y-axis: its top value and the tick values from 0 up to it. */
export interface ValueScale {
  readonly max: number;
  readonly ticks: readonly number[];
}

/**
 * A value axis from 0 that ends on a round number just above the data, with about `targetTicks`
 * steps of 1, 2, 2.5 or 5 × 10ⁿ, so gridlines land on values a reader can say out loud.
 * `fixedMax` (for example 100 for percentages) wins when given.
 */
export function valueScale(values: readonly number[], fixedMax?: number, targetTicks = 4): ValueScale {
  const dataMax = Math.max(0, ...values.filter(Number.isFinite));
  const top = fixedMax ?? (dataMax === 0 ? 1 : dataMax);
  const rough = top / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  // Rounding keeps 0.1 + 0.2 style drift out of the axis and its labels.
  const round = (value: number) => Math.round(value * 1e9) / 1e9;
  const max = fixedMax ?? round(Math.ceil(round(top / step)) * step);
  const ticks: number[] = [];
  for (let index = 0; round(index * step) <= max; index++) ticks.push(round(index * step));
  return { max, ticks };
}
