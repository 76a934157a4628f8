import { describe, expect, it } from 'vitest';
import { SseParser } from '../src/sse';

describe('live feed parsing', () => {
  it('parses events split across chunks, skipping comments', () => {
    const p = new SseParser();
    expect(p.push(': guarantor live feed\n\nid: 7\nevent: viol')).toEqual([]);
    expect(p.push('ation\ndata: {"a":1}\n\n: keep-alive\n\n')).toEqual([{ id: '7', event: 'violation', data: '{"a":1}' }]);
    expect(p.lastId).toBe('7');
  });

  it('joins data lines and accepts CRLF', () => {
    const p = new SseParser();
    expect(p.push('id: 8\r\nevent: case\r\ndata: a\r\ndata: b\r\n\r\n')).toEqual([{ id: '8', event: 'case', data: 'a\nb' }]);
  });
});
