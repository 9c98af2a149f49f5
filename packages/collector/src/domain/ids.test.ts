import { describe, expect, it } from 'vitest';
import { formatTimeOrderedId, timeOrderedId } from './ids.ts';

describe('timeOrderedId', () => {
  it('is a version 7 UUID with the RFC 9562 variant, leading with the time', () => {
    const id = timeOrderedId(Date.UTC(2026, 11, 1, 9, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 1, 9, 0, 0));
  });

  it('sorts in the order the ids were made, within one millisecond too', () => {
    const ids = Array.from({ length: 2000 }, () => timeOrderedId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('formatTimeOrderedId', () => {
  it('lays out the given time, sequence and tail as timeOrderedId does', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    const id = formatTimeOrderedId(at, 0xabc, Uint8Array.of(0xff, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd));
    expect(id).toBe(`${at.toString(16).padStart(12, '0').replace(/^(.{8})/, '$1-')}-7abc-bf01-23456789abcd`);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
