// Server-Sent Events over fetch: EventSource cannot send the Authorization header, so the live
// feed is read as a stream and parsed here (the event stream format of the HTML standard:
// fields id, event, data; comments start with ':'; a blank line ends an event).
import { authHeaders } from './api';

export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private id = '';
  private event = '';
  private data: string[] = [];
  lastId = '';

  // Feeds a chunk of text; returns the events it completed.
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const nl = this.buffer.search(/\r\n|\r|\n/);
      if (nl < 0) break;
      const line = this.buffer.slice(0, nl);
      const width = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      this.buffer = this.buffer.slice(nl + width);
      if (line === '') {
        if (this.data.length > 0) {
          if (this.id) this.lastId = this.id;
          out.push({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
        }
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'id') this.id = value;
      else if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }
}

export type FeedState = 'connecting' | 'open' | 'retrying' | 'closed';

// Reads `path` until `signal` aborts, reconnecting after errors from the last event id.
export async function subscribe(
  path: string,
  onEvent: (e: SseEvent) => void,
  onState: (s: FeedState) => void,
  signal: AbortSignal,
): Promise<void> {
  const parser = new SseParser();
  while (!signal.aborted) {
    onState('connecting');
    try {
      const headers: Record<string, string> = { ...authHeaders(), Accept: 'text/event-stream' };
      if (parser.lastId) headers['Last-Event-ID'] = parser.lastId;
      const r = await fetch(path, { headers, signal });
      if (!r.ok || !r.body) throw new Error(`feed: ${r.status}`);
      onState('open');
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const e of parser.push(value)) onEvent(e);
      }
    } catch {
      if (signal.aborted) break;
    }
    if (signal.aborted) break;
    onState('retrying');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  onState('closed');
}
