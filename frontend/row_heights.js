// RowHeights: the heights of a virtual table's rows, measured as they are shown and estimated
// (from the first one measured) for the others, with their offsets for the scroll position.

/** What a row is thought to measure before any is seen (one line of text). */
const ESTIMATE = 34;

export class RowHeights {
  constructor() {
    this.estimate = ESTIMATE;
    this.sizes = new Float64Array(0);
    this.measured = new Uint8Array(0);
    this.seen = 0;
    /** @type {Float64Array | null} offsets, computed when first asked for after a change */
    this.prefix = null;
  }

  /**
   * Hold `count` rows; `keep` says the first ones are the same rows as before (rows added or
   * removed at the end), so their measures stay.
   * @param {number} count
   * @param {boolean} keep
   */
  resize(count, keep) {
    const sizes = new Float64Array(count).fill(this.estimate);
    const measured = new Uint8Array(count);
    this.seen = 0;
    if (keep) {
      const kept = Math.min(count, this.sizes.length);
      sizes.set(this.sizes.subarray(0, kept));
      measured.set(this.measured.subarray(0, kept));
      for (let i = 0; i < kept; i++) this.seen += measured[i];
    }
    this.sizes = sizes;
    this.measured = measured;
    this.prefix = null;
  }

  /**
   * Row `index` measures `size`; returns whether any offset changed.
   * @param {number} index
   * @param {number} size
   */
  set(index, size) {
    if (!(size > 0) || index >= this.sizes.length) return false;
    if (!this.measured[index]) {
      this.measured[index] = 1;
      this.seen++;
      if (this.seen === 1 && Math.abs(size - this.estimate) > 0.5) {
        // The first row seen sets the estimate of all the others.
        this.estimate = size;
        this.sizes.fill(size);
        this.prefix = null;
        return true;
      }
    }
    if (Math.abs(this.sizes[index] - size) <= 0.5) return false;
    this.sizes[index] = size;
    this.prefix = null;
    return true;
  }

  /**
   * The top of row `index` (the total height for the count of rows).
   * @param {number} index
   */
  offset(index) {
    if (!this.prefix) {
      const prefix = new Float64Array(this.sizes.length + 1);
      for (let i = 0; i < this.sizes.length; i++) prefix[i + 1] = prefix[i] + this.sizes[i];
      this.prefix = prefix;
    }
    return this.prefix[Math.max(0, Math.min(index, this.sizes.length))];
  }

  /**
   * The row at height `y` (the count of rows past the end).
   * @param {number} y
   */
  indexAt(y) {
    let low = 0;
    let high = this.sizes.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.offset(mid + 1) <= y) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
