// Checks, in the browser, what the ledger's entries and proofs claim (docs/ledger.md §3-5):
// each entry's hash from its fields, its Merkle leaf's inclusion in the tree of the latest
// signed tree head (RFC 9162 §2.1.3.2), and the head's Ed25519 signature by the log key it
// names. The server is not trusted for any of it; only the log key it shows is taken as given.

export interface LedgerEntry {
  sequence: number;
  kind: string;
  author: string;
  recorded_at: string;
  payload: string; // exactly the signed bytes
  previous_hash: string;
  entry_hash: string;
  signature: string;
}

export interface TreeHead {
  tree_size: number;
  root_hash: string;
  timestamp: string;
  log_key: string;
  signature: string;
}

export interface InclusionProof {
  leaf_index: number;
  tree_size: number;
  leaf_hash: string;
  root_hash: string;
  audit_path: string[];
}

const encoder = new TextEncoder();

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) throw new Error(`not hex: ${hex.slice(0, 16)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function bigEndian(value: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let v = BigInt(value);
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function field(text: string): Uint8Array {
  const b = encoder.encode(text);
  return concat(bigEndian(b.length, 4), b);
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

// The signed body of an entry (docs/ledger.md §3).
export function entryBody(e: LedgerEntry): Uint8Array {
  return concat(
    encoder.encode('guarantor.ledger.entry.v1\0'),
    bigEndian(e.sequence, 8),
    field(e.kind),
    field(e.author),
    field(e.recorded_at),
    field(e.payload),
    fromHex(e.previous_hash),
  );
}

export async function leafHash(e: LedgerEntry): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([0]), entryBody(e), fromHex(e.signature)));
}

async function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([1]), left, right));
}

// RFC 9162 §2.1.3.2: does `path` lead from leaf `index` of a tree of `size` to `root`?
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  path: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === toHex(root);
}

export function treeHeadBody(h: TreeHead): Uint8Array {
  const ts = encoder.encode(h.timestamp);
  return concat(
    encoder.encode('guarantor.ledger.tree-head.v1\0'),
    bigEndian(h.tree_size, 8),
    fromHex(h.root_hash),
    bigEndian(ts.length, 4),
    ts,
  );
}

// True or false when the browser can check Ed25519; null when it cannot.
export async function verifyTreeHead(h: TreeHead): Promise<boolean | null> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', fromHex(h.log_key) as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return null;
  }
  return crypto.subtle.verify({ name: 'Ed25519' }, key, fromHex(h.signature) as BufferSource, treeHeadBody(h) as BufferSource);
}

export interface EntryCheck {
  ok: boolean;
  problems: string[];
}

// An entry against its own hash, the entry before it (when the reader may see it) and an
// inclusion proof in the tree of `head`.
export async function checkEntry(
  e: LedgerEntry,
  previous: LedgerEntry | undefined,
  proof: InclusionProof,
  head: TreeHead,
): Promise<EntryCheck> {
  const problems: string[] = [];
  const hash = toHex(await sha256(entryBody(e)));
  if (hash !== e.entry_hash) problems.push('entry hash does not match its fields');
  if (e.sequence === 0 && !/^0{64}$/.test(e.previous_hash)) problems.push('first entry has a previous hash');
  if (previous && previous.sequence === e.sequence - 1 && previous.entry_hash !== e.previous_hash) {
    problems.push(`previous hash is not entry ${previous.sequence}'s hash`);
  }
  const leaf = await leafHash(e);
  if (toHex(leaf) !== proof.leaf_hash) problems.push('leaf hash differs from the proof');
  if (proof.root_hash !== head.root_hash || proof.tree_size !== head.tree_size) {
    problems.push('proof is not for the signed tree head');
  }
  const included = await verifyInclusion(
    e.sequence,
    head.tree_size,
    leaf,
    proof.audit_path.map(fromHex),
    fromHex(head.root_hash),
  );
  if (!included) problems.push('inclusion proof does not lead to the signed root');
  return { ok: problems.length === 0, problems };
}
