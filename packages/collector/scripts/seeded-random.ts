/**
 * The seed's pseudo-random sequence: reproducible from a seed value, so the same options give the same demo
 * data, ids included.
 */
import { formatTimeOrderedId } from '../src/domain/ids.ts';

/** A small, fast, seedable generator (mulberry32): plenty for demo data, not for secrets. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Picks by weight; `weights` parallel to `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < items.length; i += 1) {
      x -= weights[i]!;
      if (x < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }
  /**
   * A UUIDv7 of time `at` from this sequence, shaped as the collector makes the ids of what it stores
   * (domain/ids.ts), so the seeded indexes keyed by id grow at their end as live traffic's do.
   */
  timeOrderedUuid(at: Date): string {
    const tail = new Uint8Array(8);
    const view = new DataView(tail.buffer);
    view.setUint32(0, this.next() * 4294967296);
    view.setUint32(4, this.next() * 4294967296);
    return formatTimeOrderedId(at.getTime(), this.int(0x1000), tail);
  }
  /** A version-4-shaped UUID from this sequence (what a browser makes: submission, display and install ids). */
  uuid(): string {
    const a = hex8(this.next());
    const b = hex8(this.next());
    const c = hex8(this.next());
    const d = hex8(this.next());
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${VARIANT[c.charCodeAt(0) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

const VARIANT = ['8', '9', 'a', 'b'];

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex8(fraction: number): string {
  const u = (fraction * 4294967296) >>> 0;
  return HEX[u >>> 24]! + HEX[(u >>> 16) & 255]! + HEX[(u >>> 8) & 255]! + HEX[u & 255]!;
}
