/**
 * A first-in first-out queue with O(1) shift: an array and a head index, compacted as it empties
 * (`Array.prototype.shift` moves every element).
 */

/** A FIFO queue. */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  push(k: T): void {
    this.items.push(k);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const k = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return k;
  }
}
