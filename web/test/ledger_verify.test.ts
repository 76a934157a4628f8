// The browser's checks against a ledger written by the C++ CLI (fixtures/ledger.json: how it was
// made is in its "made_by"): every entry verifies, and any change to an entry, a proof or the
// signed head is caught.
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/ledger.json';
import { checkEntry, type InclusionProof, type LedgerEntry, type TreeHead, verifyTreeHead } from '../src/ledger_verify';

const head = fixture.head as TreeHead;
const proofs = fixture.proofs as (InclusionProof & { entry: LedgerEntry })[];

describe('ledger verification in the browser', () => {
  it('verifies every entry of the CLI-written ledger against its signed tree head', async () => {
    for (const p of proofs) {
      const previous = proofs.find((q) => q.entry.sequence === p.entry.sequence - 1)?.entry;
      expect(await checkEntry(p.entry, previous, p, head)).toEqual({ ok: true, problems: [] });
    }
  });

  it('verifies the tree head signature with Ed25519', async () => {
    expect(await verifyTreeHead(head)).toBe(true);
    expect(await verifyTreeHead({ ...head, tree_size: head.tree_size + 1 })).toBe(false);
  });

  it('catches a changed payload, a broken chain and a changed proof', async () => {
    const p = proofs[3];
    const changed = { ...p.entry, payload: p.entry.payload.replace('"quantity":4', '"quantity":40') };
    const r1 = await checkEntry(changed, proofs[2].entry, p, head);
    expect(r1.ok).toBe(false);
    expect(r1.problems).toContain('entry hash does not match its fields');

    const r2 = await checkEntry(p.entry, { ...proofs[2].entry, entry_hash: '0'.repeat(64) }, p, head);
    expect(r2.problems).toContain("previous hash is not entry 2's hash");

    const path = [...p.audit_path];
    path[0] = path[0].replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const r3 = await checkEntry(p.entry, proofs[2].entry, { ...p, audit_path: path }, head);
    expect(r3.problems).toContain('inclusion proof does not lead to the signed root');
  });

  it('finds the Commission decision in the ledger the CLI wrote', () => {
    const decision = proofs.find((p) => p.entry.kind === 'commission_decision')!;
    expect(JSON.parse(decision.entry.payload).case_id).toBe('case-inc-obs-1');
  });
});
