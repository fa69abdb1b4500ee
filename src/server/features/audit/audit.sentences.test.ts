import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditSentence, auditSentenceTemplates, recordLabelOf, referencesOf } from './audit.sentences';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const sources = sourceFiles(serverRoot).map((file) => fs.readFileSync(file, 'utf8'));
const allSource = sources.join('\n');

/**
 * Every action code written directly: a quoted `x.y` code on a line that mentions an action
 * (`action: 'menu_proposal.submit'`, `action: locked ? 'auth.locked' : …`, `const action = …`).
 */
function directActionCodes(): string[] {
  const codes = new Set<string>();
  for (const line of allSource.split('\n')) {
    if (!/action/i.test(line)) continue;
    for (const match of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) codes.add(match[1]!);
  }
  return [...codes];
}

/**
 * Codes the app writes through a variable, each with the source text that proves it is still
 * written: if that text disappears the list must be updated, so it cannot silently go stale.
 */
const indirectActionCodes: Array<{ code: string; writtenBy: string }> = [
  { code: 'survey_response.save', writtenBy: "draft: 'survey_response.save'" },
  { code: 'survey_response.submit', writtenBy: "submit: 'survey_response.submit'" },
  { code: 'survey_response.proxy_save', writtenBy: "proxy: 'survey_response.proxy_save'" },
  { code: 'menu_review.save', writtenBy: "'menu_review.save', (_row" },
  { code: 'menu_review.submit', writtenBy: "'menu_review.submit', (row" },
  { code: 'menu_review.conflict', writtenBy: "'menu_review.conflict', () =>" },
  { code: 'auth.password_change_failed', writtenBy: "'auth.password_change_failed'," },
  ...['submit', 'approve_municipality', 'publish', 'return', 'unpublish'].map((verb) => ({
    code: `case_study.${verb}`,
    writtenBy: "action: 'submit' | 'approve_municipality' | 'publish' | 'return' | 'unpublish'",
  })),
  ...['submit', 'confirm', 'withdraw'].map((verb) => ({
    code: `application.${verb}`,
    writtenBy: "action: 'submit' | 'confirm' | 'withdraw'",
  })),
];

describe('audit sentences', () => {
  it('finds the action codes in the source (the scan itself works)', () => {
    const codes = directActionCodes();
    expect(codes).toContain('menu_proposal.submit');
    expect(codes).toContain('auth.locked');
    expect(codes).toContain('auth.login_failed');
    expect(codes.length).toBeGreaterThan(60);
  });

  it('has a sentence for every action the app writes', () => {
    for (const { writtenBy } of indirectActionCodes) expect(allSource).toContain(writtenBy);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text itself, not a template.
    expect(allSource).toContain('`application.${action}`');
    const written = [...directActionCodes(), ...indirectActionCodes.map((c) => c.code)];
    const missing = written.filter((code) => !(code in auditSentenceTemplates));
    expect(missing).toEqual([]);
  });

  it('reads as a sentence naming the actor and the record', () => {
    const sentence = auditSentence({
      action: 'menu_proposal.submit',
      entityType: 'menu_proposal',
      actorDisplayName: '県 管理者',
      label: 'RPA試行導入支援',
    });
    expect(sentence).toEqual({
      ja: '県 管理者が 支援メニュー提案『RPA試行導入支援』を提出しました',
      en: "県 管理者 submitted the support menu proposal 'RPA試行導入支援'",
    });
  });

  it('leaves out the name when the record has none and says when nobody was signed in', () => {
    expect(
      auditSentence({ action: 'auth.login_failed', entityType: 'user', actorDisplayName: null, label: null }),
    ).toEqual({
      ja: '（サインインしていない利用者またはシステム）が サインインに失敗しました',
      en: 'Someone not signed in (or the system) failed to sign in',
    });
    expect(
      auditSentence({
        action: 'application.submit',
        entityType: 'application',
        actorDisplayName: '西会津町 担当',
        label: null,
      }).ja,
    ).toBe('西会津町 担当が 申請を提出しました');
  });

  it('keeps an unknown code readable rather than failing', () => {
    expect(
      auditSentence({ action: 'thing.frobnicate', entityType: 'thing', actorDisplayName: 'A', label: null }),
    ).toEqual({ ja: 'Aが thingに「thing.frobnicate」を行いました', en: "A did 'thing.frobnicate' on thing" });
  });

  it('names the record from its snapshot after the change, or before it when deleted', () => {
    expect(recordLabelOf({ title: '旧' }, { title: 'RPA試行導入支援', name: 'x' })).toBe('RPA試行導入支援');
    expect(recordLabelOf({ name: '令和6年度 伴走支援' }, null)).toBe('令和6年度 伴走支援');
    expect(recordLabelOf(null, { displayName: '郡山 花子' })).toBe('郡山 花子');
    expect(recordLabelOf(null, { status: 'submitted', title: '  ' })).toBeNull();
    expect(recordLabelOf(null, null)).toBeNull();
  });

  it('names a record without a name by the municipality and proposal it points at, when they are known', () => {
    const municipalityId = '11111111-1111-4111-8111-111111111111';
    const proposalId = '22222222-2222-4222-8222-222222222222';
    const names = {
      municipalities: new Map([[municipalityId, '西会津町']]),
      proposals: new Map([[proposalId, 'RPA試行導入支援']]),
    };
    expect(recordLabelOf(null, { municipalityId, menuProposalId: proposalId }, names)).toBe(
      '西会津町・RPA試行導入支援',
    );
    expect(recordLabelOf({ proposalId }, null, names)).toBe('RPA試行導入支援');
    // A deleted proposal is simply not named.
    expect(recordLabelOf(null, { proposalId: '33333333-3333-4333-8333-333333333333' }, names)).toBeNull();
    // Only ids that can be looked up are: anything else never reaches the database.
    expect(referencesOf(null, { municipalityId: 'not-an-id', proposalId })).toEqual({
      municipalityId: null,
      proposalId,
    });
  });
});
